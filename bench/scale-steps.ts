/**
One measurement per figure of the scale bench, each on a generated set as it would meet a user:
the real CLI in a pty or as a child process, real files, journals written by the real code.
*/
import {execFile} from 'node:child_process';
import {rm, stat} from 'node:fs/promises';
import path from 'node:path';
import {promisify} from 'node:util';
import {openDataset} from '../source/app/dataset.js';
import type {CheckReport} from '../source/formats/check-report.js';
import {checkCachePath} from '../source/scan/check-cache.js';
import type {BenchImages} from './generate.js';
import {inParallel} from './image-pool.js';
import {buildJournalRecords, journalBenchClasses} from './journal-bench.js';
import {
	clearLabels,
	type LatencyFigures,
	measureKeypressLatency,
	timeToFirstImage,
} from './label-latency.js';
import {childFailure, runCliChild, runNodeChild, walkChildPath} from './scale-child.js';
import {summarize} from './stats.js';
import type {WalkFigures} from './walk-bench.js';

export type Timed = {readonly ms: number; readonly peakRssBytes: number | undefined};

type ItemStats = Map<string, {readonly size: number; readonly mtimeMs: number}>;

/** The set's files with their stat, in generation order, for journals that match the disk. */
async function statAll(set: BenchImages): Promise<ItemStats> {
	const stats = await inParallel(32, set.files.length, async (index) => {
		const found = await stat(path.join(set.dir, set.files[index] ?? ''));
		return {size: found.size, mtimeMs: found.mtimeMs};
	});
	return new Map(set.files.map((file, index) => [file, stats[index] ?? {size: 0, mtimeMs: 0}]));
}

const checkCacheName = path.basename(checkCachePath('.'));

/**
Forgets every trace of a labeling run, so the next figure starts from a fresh folder; with
`keepCheckCache`, from a folder checked before (background checks then find nothing to do).
*/
export async function forgetLabels(dir: string, keepCheckCache = false): Promise<void> {
	await clearLabels(dir, keepCheckCache ? [checkCacheName] : []);
}

/** Median time and highest peak RSS over `runs` label starts; `prepare` runs before each. */
async function firstImageRuns(
	set: BenchImages,
	runs: number,
	extraArgs: readonly string[] | undefined,
	prepare: () => Promise<void>,
): Promise<Timed> {
	const times: number[] = [];
	const peaks: number[] = [];
	for (let run = 0; run < runs; run++) {
		await prepare();
		const figures = await timeToFirstImage(set.dir, set.files.length, extraArgs);
		times.push(figures.firstImageMs);
		if (figures.peakRssBytes !== undefined) peaks.push(figures.peakRssBytes);
	}

	return {
		ms: summarize(times).p50,
		peakRssBytes: peaks.length > 0 ? Math.max(...peaks) : undefined,
	};
}

/**
`imgsift label` on a fresh folder: time to the first image (median of `runs`: the box is shared),
and peak RSS once the scan is done.
*/
export async function measureFirstImageOn(set: BenchImages, runs = 3): Promise<Timed> {
	try {
		return await firstImageRuns(set, runs, undefined, async () => forgetLabels(set.dir));
	} finally {
		await forgetLabels(set.dir);
	}
}

/** A full walk of the set in a child process: the median of `runs`, and the highest peak RSS. */
export async function measureScan(set: BenchImages, runs = 3): Promise<Timed & {images: number}> {
	const times: number[] = [];
	const peaks: number[] = [];
	let images = 0;
	for (let run = 0; run < runs; run++) {
		const child = await runNodeChild([walkChildPath, set.dir]);
		if (child.exitCode !== 0) {
			throw childFailure('The walk', child);
		}

		const figures = JSON.parse(child.stdout) as WalkFigures;
		times.push(figures.totalMs);
		images = figures.images;
		if (child.peakRssBytes !== undefined) peaks.push(child.peakRssBytes);
	}

	return {
		ms: summarize(times).p50,
		images,
		peakRssBytes: peaks.length > 0 ? Math.max(...peaks) : undefined,
	};
}

export type CheckPass = Timed & {
	readonly files: number;
	readonly fromCache: number;
	readonly cpuMs: number | undefined;
};

async function checkPass(dir: string): Promise<CheckPass> {
	const run = await runCliChild(['check', dir, '--json']);
	// Exit 1 means problems were found, which a set with broken files and copies must have.
	if (run.exitCode !== 0 && run.exitCode !== 1) {
		throw childFailure('imgsift check', run);
	}

	let report: CheckReport;
	try {
		report = JSON.parse(run.stdout) as CheckReport;
	} catch (error) {
		throw new Error(`imgsift check --json printed no JSON report: ${run.stderr.slice(-300)}`, {
			cause: error,
		});
	}

	return {
		ms: run.ms,
		peakRssBytes: run.peakRssBytes,
		cpuMs: run.cpuMs,
		files: report.summary.files,
		fromCache: report.summary.fromCache,
	};
}

/**
`imgsift check --json` as a child: cold (no cache), then warm (every file cached). Its cache stays
in `.labels` for the figures that follow.
*/
export async function measureCheck(set: BenchImages): Promise<{cold: CheckPass; warm: CheckPass}> {
	await forgetLabels(set.dir);
	const cold = await checkPass(set.dir);
	const warm = await checkPass(set.dir);
	if (warm.fromCache !== warm.files) {
		throw new Error(
			`The warm check read ${warm.files - warm.fromCache} of ${warm.files} files again; the cache is not working.`,
		);
	}

	return {cold, warm};
}

/**
Keypress to next image in a pty, a key every 200 ms as a person types. On a fresh folder the
background checks decode files meanwhile; with `checked`, the check cache is kept and they idle.
*/
export async function measureKeys(
	set: BenchImages,
	keys: number,
	checked: boolean,
): Promise<LatencyFigures> {
	const keep = checked ? [checkCacheName] : [];
	try {
		return await measureKeypressLatency(set.dir, keys, 200, 'truecolor', {keep});
	} finally {
		await forgetLabels(set.dir, checked);
	}
}

export type ResumeFigures = {
	readonly records: number;
	readonly journalBytes: number;
	/** `--guess off`: the journal's replay and the scan alone (median of its runs). */
	readonly guessOff: Timed;
	/**
	The default guesses: the learner also relearns every decision, extracting the features of every
	decided image (the feature cache is empty: it can be thrown away, or was never filled).
	*/
	readonly learning: Timed;
	/** Keys in the resumed session, with the built-in guess (no relearning). */
	readonly keys: LatencyFigures;
};

/**
A journal of `records` entries (decisions, guesses, skips, undos, sessions) over the set's real
files, written by the real dataset code, then `imgsift label` resumed on it: time to first image,
with the check cache of an earlier `imgsift check` kept.
*/
export async function measureResume(
	set: BenchImages,
	records: number,
	keys: number,
	runs = {guessOff: 3, learning: 1},
): Promise<ResumeFigures> {
	// Resuming a folder labeled before: its background checks were done and cached then.
	await forgetLabels(set.dir, true);
	try {
		const journal = buildJournalRecords(records, 1, await statAll(set));
		const dataset = await openDataset(set.dir, {classes: [...journalBenchClasses]});
		try {
			for (const record of journal) {
				await dataset.ledger.append(record);
			}
		} finally {
			await dataset.close();
		}

		const journalBytes = (await stat(dataset.journalFile)).size;
		const unchanged = async () => undefined;
		const guessOff = await firstImageRuns(set, runs.guessOff, ['--guess', 'off'], unchanged);
		const resumed = {resume: {args: ['--guess', 'builtin']}};
		const keyFigures = await measureKeypressLatency(set.dir, keys, 200, 'truecolor', resumed);
		const learning = await firstImageRuns(set, runs.learning, [], unchanged);
		return {records, journalBytes, guessOff, learning, keys: keyFigures};
	} finally {
		await forgetLabels(set.dir);
	}
}

export type CommitFigures = Timed & {readonly decisions: number; readonly moved: number};

/**
Labels as a person gives them, by what a file shows: files with the same bytes (an exact copy and
its original, the empty or HTML broken files) get the same label, as commit insists they must.
*/
function labelsByContent(set: BenchImages): (itemPath: string) => string {
	const kinds = new Map(set.files.map((file, index) => [file, set.kinds[index]]));
	const originals = new Map(set.duplicates.map((pair) => [pair.copy, pair.original]));
	return (itemPath) =>
		kinds.get(originals.get(itemPath) ?? itemPath) === 'screenshot' ? 'screenshot' : 'photo';
}

/** `decisions` files decided through the real session store, in a hard-linked copy of the set. */
async function decideInCopy(set: BenchImages, copy: string, decisions: number): Promise<void> {
	const stats = await statAll(set);
	const dataset = await openDataset(copy, {classes: ['photo', 'screenshot']});
	try {
		const {store} = dataset;
		await store.apply({type: 'items-found', paths: set.files});
		const time = new Date().toISOString();
		const labelOf = labelsByContent(set);
		for (let index = 0; index < decisions; index++) {
			await store.apply((state) => {
				const cursor = state.cursor;
				const found = cursor === undefined ? undefined : stats.get(cursor);
				return cursor === undefined || found === undefined
					? undefined
					: {type: 'decide', time, item: {path: cursor, ...found}, label: labelOf(cursor), ms: 500};
			});
		}
	} finally {
		await dataset.close();
	}
}

/**
`imgsift commit` of `decisions` decided files, as a child process. It moves files, so it works on
a hard-linked copy of the set (`cp -al`), which it deletes after; the cached set is never touched.
*/
export async function measureCommit(set: BenchImages, decisions: number): Promise<CommitFigures> {
	const copy = `${set.dir}-commit-copy`;
	await rm(copy, {recursive: true, force: true});
	// A .labels in the set would be hard-linked too, and the copy's journal would write into it.
	await forgetLabels(set.dir);
	await promisify(execFile)('cp', ['-al', set.dir, copy]);
	try {
		await decideInCopy(set, copy, decisions);
		const run = await runCliChild(['commit', copy]);
		if (run.exitCode !== 0) {
			throw childFailure('imgsift commit', run);
		}

		const moved = Number(/Moved (\d+) file/.exec(run.stdout)?.[1] ?? Number.NaN);
		if (moved !== decisions) {
			throw new Error(
				`imgsift commit moved ${moved} of ${decisions} files: ${run.stdout.slice(-300)}`,
			);
		}

		return {ms: run.ms, peakRssBytes: run.peakRssBytes, decisions, moved};
	} finally {
		await rm(copy, {recursive: true, force: true});
	}
}
