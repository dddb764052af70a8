import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {foldJournal} from '../source/core/fold.js';
import {parseJournal, serializeRecord} from '../source/core/journal-parse.js';
import type {JournalRecord} from '../source/core/journal-record.js';
import {type SessionAction, transition} from '../source/core/session-reducer.js';
import {initialState, type SessionState} from '../source/core/session-state.js';
import {openJournalWriter, readJournalFile} from '../source/ledger/files/journal-file.js';
import {type Summary, summarize} from './stats.js';
import {mulberry32} from './synthetic-images.js';

/** The classes of the bench journals, in key order. */
export const journalBenchClasses: readonly string[] = ['photo', 'screenshot', 'document', 'meme'];
const classes = [...journalBenchClasses];

/**
A realistic journal made by the session reducer itself, so every record applies on replay:
mostly key decisions, some accepted guesses, about 5% skips, 3% undos, a session record per 2,000.
Its items are made-up paths and sizes, or `files` (real paths with their stat) when given.
*/
export function buildJournalRecords(
	count: number,
	seed = 1,
	files?: ReadonlyMap<string, {readonly size: number; readonly mtimeMs: number}>,
): JournalRecord[] {
	const random = mulberry32(seed);
	const paths = files
		? [...files.keys()]
		: Array.from(
				{length: count},
				(_, index) =>
					`part-${String(Math.floor(index / 1000)).padStart(3, '0')}/IMG_${String(index).padStart(6, '0')}.jpg`,
			);
	let state: SessionState = initialState(classes);
	state = transition(state, {type: 'items-found', paths})?.state ?? state;
	const records: JournalRecord[] = [];
	const start = Date.UTC(2026, 10, 25, 9);
	while (records.length < count) {
		const time = new Date(start + records.length * 1200).toISOString();
		const path = state.cursor;
		const size = 40_000 + Math.floor(random() * 400_000);
		const real = path === undefined ? undefined : files?.get(path);
		const item = {
			path: path ?? '',
			size: real?.size ?? size,
			mtimeMs: real?.mtimeMs ?? start - 86_400_000,
		};
		const ms = 300 + Math.floor(random() * 1500);
		const roll = random();
		const label = classes[Math.floor(random() * classes.length)] ?? 'photo';
		const guess = {label, confidence: Number((0.5 + random() / 2).toFixed(3)), source: 'builtin'};
		let action: SessionAction;
		if (records.length % 2000 === 0) {
			action = {type: 'session-start', time, user: 'bench', host: 'bench-host', pid: 4242};
		} else if (roll < 0.03 || path === undefined) {
			action = {type: 'undo', time};
		} else if (roll < 0.08) {
			action = {type: 'skip', time, item, ms};
		} else if (roll < 0.25) {
			action = {type: 'accept-guess', time, item, guess, ms};
		} else {
			action = {type: 'decide', time, item, label, ms, guess};
		}

		const next = transition(state, action);
		if (next?.record) {
			state = next.state;
			records.push(next.record);
		}
	}

	return records;
}

async function writeJournal(file: string, records: readonly JournalRecord[]): Promise<number> {
	const text = records.map((record) => serializeRecord(record)).join('');
	await writeFile(file, text);
	return Buffer.byteLength(text);
}

export type AppendFigures = {
	readonly existing: number;
	readonly journalBytes: number;
	/** One `append` (one write call, no fsync). */
	readonly append: Summary;
	/** One `append` followed by `sync`: the cost when each decision is fsynced. */
	readonly appendAndSync: Summary;
};

async function measureAppends(
	file: string,
	records: readonly JournalRecord[],
	existing: number,
	appends: number,
): Promise<AppendFigures> {
	const journalBytes = await writeJournal(file, records.slice(0, existing));
	const writer = await openJournalWriter(file);
	const appendTimes: number[] = [];
	const syncedTimes: number[] = [];
	try {
		for (let index = 0; index < appends * 2; index++) {
			const record = records[existing + index];
			if (!record) {
				throw new Error(`The bench journal has only ${records.length} records; build more.`);
			}

			const started = performance.now();
			await writer.append(record);
			if (index >= appends) {
				await writer.sync();
				syncedTimes.push(performance.now() - started);
			} else {
				appendTimes.push(performance.now() - started);
			}
		}
	} finally {
		await writer.close();
	}

	return {
		existing,
		journalBytes,
		append: summarize(appendTimes),
		appendAndSync: summarize(syncedTimes),
	};
}

export type ResumeFigures = {
	readonly records: number;
	readonly bytes: number;
	/** Medians over the runs, in ms. */
	readonly readMs: number;
	readonly parseMs: number;
	/** Fold into an empty state, as when the journal is replayed before the scan has found items. */
	readonly foldMs: number;
	/** Fold into a state whose catalog already holds the items (replay after the scan). */
	readonly foldAfterScanMs: number;
	/** Read, parse and fold into an empty state. */
	readonly totalMs: number;
	/** `readJournalFile` (read and parse) as the app calls it. */
	readonly readJournalFileMs: number;
	/** Records that did not apply on replay: 0 for a healthy journal. */
	readonly rejected: number;
	readonly decided: number;
};

const median = (values: readonly number[]) => summarize(values).p50;

async function measureResume(
	file: string,
	records: readonly JournalRecord[],
	runs: number,
): Promise<ResumeFigures> {
	const bytes = await writeJournal(file, records);
	const reads: number[] = [];
	const parses: number[] = [];
	const folds: number[] = [];
	const totals: number[] = [];
	const wholeReads: number[] = [];
	const foldsAfterScan: number[] = [];
	const paths = [...new Set(records.flatMap((record) => ('path' in record ? [record.path] : [])))];
	const scanned = transition(initialState(classes), {type: 'items-found', paths})?.state;
	let rejected = 0;
	let decided = 0;
	for (let run = 0; run < runs; run++) {
		const started = performance.now();
		const text = await readFile(file, 'utf8');
		const read = performance.now();
		const parsed = parseJournal(text);
		const parse = performance.now();
		const folded = foldJournal(initialState(classes), parsed.records);
		const fold = performance.now();
		reads.push(read - started);
		parses.push(parse - read);
		folds.push(fold - parse);
		totals.push(fold - started);
		rejected = folded.rejected.length + parsed.problems.length;
		decided = folded.state.decisions.size;

		if (scanned) {
			const foldStarted = performance.now();
			foldJournal(scanned, parsed.records);
			foldsAfterScan.push(performance.now() - foldStarted);
		}

		const wholeStarted = performance.now();
		await readJournalFile(file);
		wholeReads.push(performance.now() - wholeStarted);
	}

	return {
		records: records.length,
		bytes,
		readMs: median(reads),
		parseMs: median(parses),
		foldMs: median(folds),
		foldAfterScanMs: median(foldsAfterScan),
		totalMs: median(totals),
		readJournalFileMs: median(wholeReads),
		rejected,
		decided,
	};
}

export type JournalBenchOptions = {
	/** Journal sizes to append to; defaults to 1,000 and 100,000. */
	readonly existing?: readonly number[];
	/** Appends measured per size, and as many append-and-sync pairs. */
	readonly appends?: number;
	/** Records in the resume journal. */
	readonly resumeRecords?: number;
	readonly runs?: number;
	readonly seed?: number;
};

export type JournalBenchResult = {
	readonly appends: readonly AppendFigures[];
	readonly resume: ResumeFigures;
};

/** Journal append cost by journal size, and resume time (read, parse, fold) of a large journal. */
export async function runJournalBench(
	options: JournalBenchOptions = {},
): Promise<JournalBenchResult> {
	const {
		existing = [1000, 100_000],
		appends = 200,
		resumeRecords = 100_000,
		runs = 3,
		seed = 1,
	} = options;
	const largest = Math.max(resumeRecords, ...existing.map((size) => size + appends * 2));
	const records = buildJournalRecords(largest, seed);
	const dir = await mkdtemp(path.join(tmpdir(), 'imgsift-journal-bench-'));
	try {
		const appendFigures: AppendFigures[] = [];
		for (const size of existing) {
			appendFigures.push(
				await measureAppends(path.join(dir, `append-${size}.jsonl`), records, size, appends),
			);
		}

		const resume = await measureResume(
			path.join(dir, 'resume.jsonl'),
			records.slice(0, resumeRecords),
			runs,
		);
		return {appends: appendFigures, resume};
	} finally {
		await rm(dir, {recursive: true, force: true});
	}
}
