import {readdir, readFile} from 'node:fs/promises';
import path from 'node:path';
import type {CheckReason} from '../../image/validate.js';
import {writeJsonAtomically} from '../../store/atomic-file.js';
import {labelsDir} from '../../store/paths.js';
import {errorCode, lstatIfPresent, removeIfPresent, withDefaults} from '../commit/file-ops.js';
import {isCopyOf} from '../commit/move-file.js';
import {
	hashedNamePattern,
	itemPathProblem,
	partialPath,
	partialSuffix,
	recordPathOf,
	resolveRecordPath,
} from '../commit/paths.js';
import type {FileOps} from '../commit/types.js';
import {
	openQuarantineLog,
	type QuarantineLog,
	type QuarantineRecord,
	quarantineLogPath,
	readLatestRecords,
} from './quarantine-log.js';

/**
The move under way, written (synced) before it starts: the log gets its record only after the
move, so a kill in between would leave a file under two names, or moved but not logged.
*/
export type QuarantineIntent =
	| {
			readonly op: 'quarantine';
			readonly path: string;
			/** The planned place; a taken name sends the file to a hashed name beside it. */
			readonly to: string;
			readonly reason: CheckReason;
	  }
	| {readonly op: 'restore'; readonly path: string; readonly from: string};

export function quarantineIntentPath(dir: string): string {
	return path.join(labelsDir(dir), 'quarantine-intent.json');
}

export async function writeQuarantineIntent(dir: string, intent: QuarantineIntent): Promise<void> {
	// Durable before the first link: recovery must see it whenever a move has begun.
	await writeJsonAtomically(quarantineIntentPath(dir), intent);
}

export async function removeQuarantineIntent(dir: string): Promise<void> {
	await removeIfPresent(quarantineIntentPath(dir), withDefaults(undefined));
}

async function readIntent(dir: string): Promise<QuarantineIntent | 'torn' | undefined> {
	let text: string;
	try {
		text = await readFile(quarantineIntentPath(dir), 'utf8');
	} catch (error) {
		if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return undefined;
		throw error;
	}

	try {
		const value = JSON.parse(text) as Partial<Record<string, unknown>>;
		const {op, path: itemPath, to, from, reason} = value;
		if (typeof itemPath !== 'string' || itemPathProblem(itemPath) !== undefined) return 'torn';
		if (op === 'quarantine' && typeof to === 'string' && typeof reason === 'string') {
			return {op, path: itemPath, to, reason: reason as CheckReason};
		}

		return op === 'restore' && typeof from === 'string' ? {op, path: itemPath, from} : 'torn';
	} catch {
		// Cut short while written: it is synced before the move, so no move had begun.
		return 'torn';
	}
}

async function namesIn(folder: string): Promise<string[]> {
	try {
		return (await readdir(folder)).sort();
	} catch (error) {
		if (errorCode(error) === 'ENOENT') return [];
		throw error;
	}
}

/** The planned place and the hashed names beside it; partial copies of them are removed. */
async function placesFor(planned: string, ops: FileOps): Promise<string[]> {
	const folder = path.dirname(planned);
	const plainName = path.basename(planned);
	const pattern = hashedNamePattern(plainName);
	const ours = (name: string) => name === plainName || pattern.test(name);
	const places = [planned];
	for (const name of await namesIn(folder)) {
		const partialOfOurs =
			name === path.basename(partialPath(planned)) ||
			(name.endsWith(partialSuffix) && ours(name.slice(0, -partialSuffix.length)));
		if (partialOfOurs) {
			await removeIfPresent(path.join(folder, name), ops);
		} else if (name !== plainName && pattern.test(name)) {
			places.push(path.join(folder, name));
		}
	}

	return places;
}

async function finishQuarantine(
	dir: string,
	intent: Extract<QuarantineIntent, {op: 'quarantine'}>,
	latest: ReadonlyMap<string, QuarantineRecord>,
	log: QuarantineLog,
	ops: FileOps,
): Promise<QuarantineRecord | undefined> {
	const source = resolveRecordPath(dir, intent.path);
	const places = await placesFor(resolveRecordPath(dir, intent.to), ops);
	const logged = async (place: string) => {
		const record: QuarantineRecord = {
			v: 1,
			time: new Date().toISOString(),
			op: 'quarantined',
			path: intent.path,
			to: recordPathOf(dir, place),
			reason: intent.reason,
		};
		await log.append(record);
		return record;
	};
	if (await lstatIfPresent(source)) {
		for (const place of places) {
			if (await isCopyOf(source, place)) {
				// Killed between placing the file and removing its old name: finish the move.
				await ops.unlink(source);
				return logged(place);
			}
		}

		return undefined;
	}

	if (latest.get(intent.path)?.op === 'quarantined') return undefined;
	// Moved, not logged: the first of its places no other record claims is the one.
	const claimed = new Set(
		[...latest.values()].flatMap((record) =>
			record.op === 'quarantined' ? [resolveRecordPath(dir, record.to)] : [],
		),
	);
	for (const place of places) {
		if (!claimed.has(place) && (await lstatIfPresent(place))?.isFile()) {
			return logged(place);
		}
	}

	return undefined;
}

async function finishRestore(
	dir: string,
	intent: Extract<QuarantineIntent, {op: 'restore'}>,
	latest: ReadonlyMap<string, QuarantineRecord>,
	log: QuarantineLog,
	ops: FileOps,
): Promise<QuarantineRecord | undefined> {
	const home = resolveRecordPath(dir, intent.path);
	const from = resolveRecordPath(dir, intent.from);
	await removeIfPresent(partialPath(home), ops);
	if (latest.get(intent.path)?.op !== 'quarantined') return undefined;
	const [atHome, atFrom] = await Promise.all([lstatIfPresent(home), lstatIfPresent(from)]);
	if (atHome === undefined) return undefined;
	if (atFrom !== undefined) {
		if (!(await isCopyOf(home, from))) return undefined;
		await ops.unlink(from);
	}

	const record: QuarantineRecord = {
		v: 1,
		time: new Date().toISOString(),
		op: 'restored',
		path: intent.path,
		from: intent.from,
	};
	await log.append(record);
	return record;
}

/**
Finishes the quarantine move or restore a kill cut short, as `.labels/quarantine-intent.json`
describes it, and logs it. The caller holds the dataset lock. Idempotent. Returns the record it
logged, if it finished a move.
*/
export async function finishQuarantineIntent(
	dir: string,
	openLog?: QuarantineLog,
	fileOps?: Partial<FileOps>,
): Promise<QuarantineRecord | undefined> {
	const root = path.resolve(dir);
	const intent = await readIntent(root);
	if (intent === undefined) return undefined;
	let finished: QuarantineRecord | undefined;
	if (intent !== 'torn') {
		const ops = withDefaults(fileOps);
		const latest = await readLatestRecords(root);
		const log = openLog ?? (await openQuarantineLog(quarantineLogPath(root)));
		try {
			finished =
				intent.op === 'quarantine'
					? await finishQuarantine(root, intent, latest, log, ops)
					: await finishRestore(root, intent, latest, log, ops);
		} finally {
			if (openLog === undefined) await log.close();
		}
	}

	await removeQuarantineIntent(root);
	return finished;
}
