import {mkdir, open, readFile, rename, unlink} from 'node:fs/promises';
import path from 'node:path';
import {writeNoFollow} from '../../shared/no-follow.js';
import {errorCode, fsyncFolder} from './file-ops.js';
import type {PlanEntry} from './types.js';

export type PlanFile = {
	readonly version: 1;
	readonly created: string;
	readonly entries: readonly PlanEntry[];
};

export function planFilePath(dir: string): string {
	return path.join(dir, '.labels', 'commit-plan.json');
}

/** Text written per write: the plan of a 90k-move commit is ~18 MB, never held whole. */
const pieceChars = 64 * 1024;

/**
The text of `JSON.stringify(plan, undefined, '\t')` and a newline, in pieces of about
`pieceChars`: the same file, without a string (and a buffer) of the whole plan at once.
*/
export function* planFileText(plan: PlanFile): Generator<string> {
	const head = `{\n\t"version": ${plan.version},\n\t"created": ${JSON.stringify(plan.created)},\n\t"entries": `;
	if (plan.entries.length === 0) {
		yield `${head}[]\n}\n`;
		return;
	}

	let piece = `${head}[\n`;
	for (const [index, entry] of plan.entries.entries()) {
		const text = JSON.stringify(entry, undefined, '\t').replaceAll('\n', '\n\t\t');
		piece += `\t\t${text}${index < plan.entries.length - 1 ? ',' : ''}\n`;
		if (piece.length >= pieceChars) {
			yield piece;
			piece = '';
		}
	}

	yield `${piece}\t]\n}\n`;
}

/** Writes the plan so that a reader sees the old file or the whole new one, never a torn one. */
export async function writePlanFile(dir: string, entries: readonly PlanEntry[]): Promise<void> {
	const file = planFilePath(dir);
	// One fixed name: commits are serialized by the project lock, and a kill cannot leak a new one.
	const temporary = `${file}.tmp`;
	const plan: PlanFile = {version: 1, created: new Date().toISOString(), entries};
	await mkdir(path.dirname(file), {recursive: true});
	const handle = await open(temporary, writeNoFollow);
	try {
		// writeFile goes on from the position the last piece left, and writes each piece whole.
		for (const piece of planFileText(plan)) await handle.writeFile(piece);
		await handle.sync();
	} finally {
		await handle.close();
	}

	await rename(temporary, file);
	await fsyncFolder(path.dirname(file));
}

const isPlanEntry = (value: unknown): value is PlanEntry => {
	if (typeof value !== 'object' || value === null) {
		return false;
	}

	const entry = value as Record<string, unknown>;
	return (
		typeof entry['path'] === 'string' &&
		typeof entry['label'] === 'string' &&
		typeof entry['to'] === 'string' &&
		typeof entry['size'] === 'number' &&
		typeof entry['mtimeMs'] === 'number' &&
		(entry['ctimeMs'] === undefined || typeof entry['ctimeMs'] === 'number') &&
		(entry['ino'] === undefined || typeof entry['ino'] === 'number')
	);
};

/** The entries of a leftover plan, or undefined when there is none. Throws on an unreadable one. */
export async function readPlanFile(dir: string): Promise<readonly PlanEntry[] | undefined> {
	const file = planFilePath(dir);
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch (error) {
		// No plan, or no .labels folder at all.
		if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') {
			return undefined;
		}

		throw new Error(`cannot read the plan of an interrupted commit, ${file}`, {cause: error});
	}

	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		throw new Error(`${file} is not valid JSON`, {cause: error});
	}

	const plan = value as Partial<PlanFile> | null;
	if (plan?.version !== 1 || !Array.isArray(plan.entries) || !plan.entries.every(isPlanEntry)) {
		throw new Error(`${file} is not an imgsift commit plan of version 1`);
	}

	return plan.entries;
}

export async function removePlanFile(dir: string): Promise<void> {
	const file = planFilePath(dir);
	try {
		await unlink(file);
	} catch (error) {
		if (errorCode(error) !== 'ENOENT') {
			throw error;
		}
	}

	await fsyncFolder(path.dirname(file));
}
