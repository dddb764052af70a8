import {existsSync} from 'node:fs';
import {stat} from 'node:fs/promises';
import {entries, getEntry} from '../../source/core/persistent-map.js';
import {progressOf, type SessionState} from '../../source/core/session-state.js';
import {lstatIfPresent} from '../../source/files/commit/file-ops.js';
import {resolveRecordPath} from '../../source/files/commit/paths.js';
import {journalPath} from '../../source/store/paths.js';
import {contentMultiset, inventory} from '../../tests/helpers/dataset.js';
import {journalStateOf, runCli, type StatusJson, statusOf} from './cli-runs.js';

const sizeOf = async (file: string): Promise<number> => (await stat(file)).size;

/** A broken invariant: which one, and what was seen. */
export class InvariantError extends Error {
	readonly invariant: string;

	constructor(invariant: string, detail: string) {
		super(`invariant ${invariant} failed: ${detail}`);
		this.invariant = invariant;
	}
}

export type Dataset = {
	readonly dir: string;
	readonly user: string;
	readonly classes: readonly string[];
	/** Class folders outside `dir` (on another filesystem), passed to label as --out. */
	readonly out?: string;
	/** Sorted content hashes of every file at the start (`.labels` excluded). */
	readonly original: readonly string[];
};

/**
Every file of the dataset (`.labels` excluded) and of its output folder when that is outside
(shown as `out/…`): inputs, class folders, _duplicates, _quarantine, and any partial copy.
*/
export async function filesOf(dir: string, out: string | undefined): Promise<Map<string, string>> {
	const files = await inventory(dir);
	if (out !== undefined && existsSync(out)) {
		for (const [name, hash] of await inventory(out)) {
			files.set(`out/${name}`, hash);
		}
	}

	return files;
}

/** What the screen acknowledged before a kill. */
export type Acknowledged = {
	/** The last `N/… decided` the screen showed. */
	readonly decided: number;
	/** Keys sent but not seen to take effect: each may or may not have reached the journal. */
	readonly inFlight: number;
	/** Items whose decision the screen showed, with their labels. */
	readonly items: ReadonlyMap<string, string>;
};

/** 1: every acknowledged decision is in the state the journal folds to. */
export async function checkAcknowledged(data: Dataset, seen: Acknowledged): Promise<StatusJson> {
	const status = await statusOf(data.dir, data.user);
	const off = Math.abs(status.decided - seen.decided);
	if (off > seen.inFlight) {
		throw new InvariantError(
			'1 (acknowledged decisions kept)',
			`the screen showed ${seen.decided} decided with ${seen.inFlight} key(s) in flight; status --json says ${status.decided}`,
		);
	}

	if (seen.inFlight === 0) {
		const state = await journalStateOf(data.dir, data.user, data.classes);
		for (const [item, label] of seen.items) {
			const decision = getEntry(state.decisions, item);
			if (decision?.label !== label) {
				throw new InvariantError(
					'1 (acknowledged decisions kept)',
					`${item} was shown decided as ${label}; the journal has ${decision?.label ?? 'no decision'}`,
				);
			}
		}
	}

	return status;
}

/** 2 and 3: the same contents as at the start, none in two places, no partial copy left. */
export async function checkFiles(
	data: Dataset,
	afterCommit: boolean,
): Promise<Map<string, string>> {
	const files = await filesOf(data.dir, data.out);
	const partials = [...files.keys()].filter((name) => name.endsWith('.imgsift-partial'));
	if (afterCommit && partials.length > 0) {
		throw new InvariantError(
			'3 (no partial copy after a commit)',
			`left after a successful commit: ${partials.join(', ')}`,
		);
	}

	const now = contentMultiset(files);
	if (now.join('\n') !== data.original.join('\n')) {
		const counts = new Map<string, number>();
		for (const hash of data.original) counts.set(hash, (counts.get(hash) ?? 0) + 1);
		for (const hash of now) counts.set(hash, (counts.get(hash) ?? 0) - 1);
		const namesOf = (hash: string) =>
			[...files].flatMap(([name, found]) => (found === hash ? [name] : []));
		const doubled = [...counts].filter(([, delta]) => delta < 0).map(([hash]) => hash);
		const lost = [...counts].filter(([, delta]) => delta > 0).map(([hash]) => hash);
		const detail = [
			...doubled.map((hash) => `in two places: ${namesOf(hash).join(' and ')}`),
			...lost.map((hash) => `lost: content ${hash.slice(0, 12)}`),
		].join('; ');
		throw new InvariantError(
			doubled.length > 0 ? '3 (no file in two places)' : '2 (same contents as at the start)',
			detail,
		);
	}

	return files;
}

function sameFiles(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
	return a.size === b.size && [...a].every(([name, hash]) => b.get(name) === hash);
}

async function commitOnce(data: Dataset): Promise<string> {
	const run = await runCli(['commit', data.dir, '--user', data.user]);
	if (run.code !== 0 && run.code !== 1) {
		throw new InvariantError(
			'4 (commit exits 0 or 1)',
			`imgsift commit exited ${run.code ?? run.signal}: ${run.stderr.trim() || run.stdout.trim()}`,
		);
	}

	return run.stdout;
}

/**
All five after a kill and its restart: status first (nothing may have changed the journal since
the kill), then a commit (which also finishes an interrupted one), the files, and a second commit
that must change nothing: neither a file nor a byte of the journal. Returns the decided count.
*/
export async function checkAfterKill(data: Dataset, seen: Acknowledged): Promise<number> {
	await checkAcknowledged(data, seen);
	await commitOnce(data);
	const files = await checkFiles(data, true);
	const journalBytes = await sizeOf(journalPath(data.dir, data.user));
	const output = await commitOnce(data);
	const filesAgain = await checkFiles(data, true);
	if (
		!sameFiles(files, filesAgain) ||
		(await sizeOf(journalPath(data.dir, data.user))) !== journalBytes
	) {
		throw new InvariantError(
			'4 (a second commit changes nothing)',
			`the second commit moved files or wrote to the journal: ${output.trim().split('\n').slice(-3).join(' / ')}`,
		);
	}

	const state = await journalStateOf(data.dir, data.user, data.classes);
	await checkMovesMatchFiles(data, state);
	return progressOf(state).decided;
}

/** 5: the journal and the files agree: every file it calls moved is at its new place, not its old. */
async function checkMovesMatchFiles(data: Dataset, state: SessionState): Promise<void> {
	for (const [item, to] of entries(state.moved)) {
		const [there, home] = await Promise.all([
			lstatIfPresent(resolveRecordPath(data.dir, to)),
			lstatIfPresent(resolveRecordPath(data.dir, item)),
		]);
		if (there === undefined || home !== undefined) {
			throw new InvariantError(
				'5 (the journal says where each moved file is)',
				`the journal has ${item} moved to ${to}, but ${there === undefined ? `${to} is missing` : `${item} is still there too`}`,
			);
		}
	}
}
