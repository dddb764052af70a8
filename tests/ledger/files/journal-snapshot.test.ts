import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {mkdir, readdir, readFile, rm, truncate, writeFile} from 'node:fs/promises';
import path from 'node:path';
import test, {type TestContext} from 'node:test';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {foldRecords} from '../../../source/core/fold.js';
import {serializeRecord} from '../../../source/core/journal-parse.js';
import {initialState, type SessionState} from '../../../source/core/session-state.js';
import {encodeState} from '../../../source/core/state-codec.js';
import {
	replayJournal,
	snapshotPathOf,
	writeSnapshot,
} from '../../../source/ledger/files/journal-snapshot.js';
import {keepSnapshots} from '../../../source/ledger/files/snapshot-keeper.js';
import {plainState} from '../../helpers/plain-state.js';
import {randomClasses, randomJournal} from '../../helpers/random-journal.js';
import {makeTempDir} from '../../helpers/temp-dir.js';

const childPath = fileURLToPath(new URL('../../helpers/snapshot-kill-child.js', import.meta.url));

async function journalOf(dir: string, seed: number, count: number) {
	const file = path.join(dir, '.labels', 'journal', 'ann.jsonl');
	await mkdir(path.dirname(file), {recursive: true});
	const records = randomJournal(seed, count);
	await writeFile(file, records.map((record) => serializeRecord(record)).join(''));
	const whole = foldRecords(initialState(randomClasses), records).state;
	return {file, records, whole};
}

/** A new journal file's path in a fresh dataset (no journal yet). */
async function emptyJournal(t: TestContext): Promise<string> {
	const dir = await makeTempDir(t);
	const file = path.join(dir, '.labels', 'journal', 'ann.jsonl');
	await mkdir(path.dirname(file), {recursive: true});
	return file;
}

/** A keeper from an empty journal; `options` sets the rest (sync, cadence, exit tail). */
function keeperFor(
	file: string,
	options: Omit<
		Parameters<typeof keepSnapshots>[0],
		'journalFile' | 'state' | 'cover' | 'problems'
	>,
) {
	return keepSnapshots({
		journalFile: file,
		state: initialState(randomClasses),
		cover: {bytes: 0, lines: 0},
		problems: [],
		behind: 0,
		...options,
	});
}

/** Snapshot of the first `cut` records, as the keeper writes it. */
async function snapshotAt(file: string, records: ReturnType<typeof randomJournal>, cut: number) {
	const prefix = records.slice(0, cut);
	const bytes = Buffer.byteLength(prefix.map((record) => serializeRecord(record)).join(''));
	const state = foldRecords(initialState(randomClasses), prefix).state;
	await writeSnapshot(file, state, {bytes, lines: cut}, []);
}

test('a matching snapshot is used: only the tail is replayed, the state is the full fold', async (t) => {
	const dir = await makeTempDir(t);
	const {file, records, whole} = await journalOf(dir, 11, 200);
	await snapshotAt(file, records, 150);
	const replayed = await replayJournal(file, randomClasses);
	assert.equal(replayed.fromSnapshot, true);
	assert.equal(replayed.replayedRecords, records.length - 150);
	assert.equal(replayed.warning, undefined);
	assert.deepStrictEqual(plainState(replayed.state), plainState(whole));
});

test('a corrupt snapshot falls back to a full replay with a warning', async (t) => {
	const dir = await makeTempDir(t);
	const {file, records, whole} = await journalOf(dir, 12, 120);
	await snapshotAt(file, records, 100);
	const snapshot = snapshotPathOf(file);
	const text = await readFile(snapshot, 'utf8');
	await writeFile(snapshot, text.slice(0, text.length / 2));
	const replayed = await replayJournal(file, randomClasses);
	assert.equal(replayed.fromSnapshot, false);
	assert.equal(replayed.replayedRecords, records.length);
	assert.match(
		replayed.warning ?? '',
		/not used: it is not valid JSON.*whole journal was replayed/,
	);
	assert.deepStrictEqual(plainState(replayed.state), plainState(whole));
});

test('a snapshot whose column blocks are cut short is not used: a warning, the whole journal', async (t) => {
	const dir = await makeTempDir(t);
	const {file, records, whole} = await journalOf(dir, 12, 120);
	await snapshotAt(file, records, 100);
	const snapshot = snapshotPathOf(file);
	const bytes = await readFile(snapshot);
	const end = bytes.indexOf(0x0a);
	assert.ok(bytes.length > end + 1, 'column blocks follow the JSON line');
	assert.equal((end + 1) % 8, 0, 'the blocks start on an 8-byte boundary, to be read in place');
	await writeFile(snapshot, bytes.subarray(0, end + 1 + Math.floor((bytes.length - end - 1) / 2)));
	const replayed = await replayJournal(file, randomClasses);
	assert.equal(replayed.fromSnapshot, false);
	assert.match(
		replayed.warning ?? '',
		/not used: it is damaged \(the snapshot's column block \d+ is not in the file\)/,
	);
	assert.deepStrictEqual(plainState(replayed.state), plainState(whole));
});

test('a snapshot of another journal, or of other classes, is not used', async (t) => {
	const dir = await makeTempDir(t);
	const {file, records} = await journalOf(dir, 13, 120);
	await snapshotAt(file, records, 100);
	// The journal replaced by another of about the same size: its bytes differ under the snapshot.
	const other = await journalOf(dir, 14, 130);
	const replayed = await replayJournal(file, randomClasses);
	assert.equal(replayed.fromSnapshot, false);
	assert.match(replayed.warning ?? '', /does not match the journal/);
	assert.deepStrictEqual(plainState(replayed.state), plainState(other.whole));

	await snapshotAt(file, other.records, 100);
	const renamed = await replayJournal(file, ['photo', 'screenshot', 'cat']);
	assert.equal(renamed.fromSnapshot, false);
	assert.match(renamed.warning ?? '', /other classes/);
});

test('a journal cut shorter than its snapshot replays whole', async (t) => {
	const dir = await makeTempDir(t);
	const {file, records} = await journalOf(dir, 15, 80);
	await snapshotAt(file, records, 80);
	const kept = records.slice(0, 50);
	await truncate(file, Buffer.byteLength(kept.map((record) => serializeRecord(record)).join('')));
	const replayed = await replayJournal(file, randomClasses);
	assert.equal(replayed.fromSnapshot, false);
	assert.deepStrictEqual(
		plainState(replayed.state),
		plainState(foldRecords(initialState(randomClasses), kept).state),
	);
});

test('snapshots are written atomically: no temp file is left, a failed write keeps the journal whole', async (t) => {
	const dir = await makeTempDir(t);
	const {file, records, whole} = await journalOf(dir, 16, 60);
	await snapshotAt(file, records, 60);
	const folder = path.dirname(snapshotPathOf(file));
	assert.deepStrictEqual(await readdir(folder), ['ann.json']);
	// A folder where the snapshot goes: the rename fails, nothing half-written is left behind.
	await rm(snapshotPathOf(file));
	await mkdir(path.join(snapshotPathOf(file), 'blocker'), {recursive: true});
	await assert.rejects(snapshotAt(file, records, 60), /could not write/);
	assert.deepStrictEqual(await readdir(folder), ['ann.json']);
	const replayed = await replayJournal(file, randomClasses);
	assert.match(replayed.warning ?? '', /cannot be read/);
	assert.deepStrictEqual(plainState(replayed.state), plainState(whole));
});

test('the keeper snapshots every N records; the exit snapshot covers the rest', async (t) => {
	const file = await emptyJournal(t);
	const records = randomJournal(17, 45);
	const keeper = keeperFor(file, {
		sync: async () => undefined,
		every: 20,
		spacingMs: 0,
	});
	for (const record of records) {
		await writeFile(file, serializeRecord(record), {flag: 'a'});
		keeper.recorded(record);
	}

	await keeper.flush();
	const replayed = await replayJournal(file, randomClasses);
	assert.equal(replayed.fromSnapshot, true);
	assert.equal(replayed.replayedRecords, 0);
	assert.deepStrictEqual(
		plainState(replayed.state),
		plainState(foldRecords(initialState(randomClasses), records).state),
	);
});

test('killed with SIGKILL after a snapshot: the next replay uses it plus the journal tail', async (t) => {
	const dir = await makeTempDir(t);
	const file = path.join(dir, '.labels', 'journal', 'ann.jsonl');
	const run = promisify(execFile)(process.execPath, [childPath, file, '21', '19', '10']);
	await assert.rejects(run, (error: NodeJS.ErrnoException & {signal?: string; stdout?: string}) => {
		assert.equal(error.signal, 'SIGKILL');
		assert.equal(error.stdout, 'appended\n');
		return true;
	});
	const records = randomJournal(21, 19);
	const replayed = await replayJournal(file, randomClasses);
	assert.equal(replayed.fromSnapshot, true);
	assert.equal(replayed.replayedRecords, 9);
	assert.deepStrictEqual(
		plainState(replayed.state),
		plainState(foldRecords(initialState(randomClasses), records).state),
	);
});

test('automatic snapshots keep their spacing: a burst of records (a commit) writes none until exit', async (t) => {
	const file = await emptyJournal(t);
	const clock = {now: 0};
	const keeper = keeperFor(file, {
		sync: async () => undefined,
		every: 10,
		spacingMs: 1000,
		now: () => clock.now,
	});
	const records = randomJournal(18, 60);
	for (const record of records.slice(0, 40)) {
		await writeFile(file, serializeRecord(record), {flag: 'a'});
		keeper.recorded(record);
	}

	await new Promise((resolve) => setImmediate(resolve));
	await assert.rejects(readFile(snapshotPathOf(file)), {code: 'ENOENT'});
	clock.now = 1000;
	for (const record of records.slice(40)) {
		await writeFile(file, serializeRecord(record), {flag: 'a'});
		keeper.recorded(record);
	}

	await keeper.flush();
	const replayed = await replayJournal(file, randomClasses);
	assert.equal(replayed.fromSnapshot, true);
	assert.equal(replayed.replayedRecords, 0);
});

test('batches past 20,000 pending records are folded early; the exit snapshot is still the whole fold', async (t) => {
	const file = await emptyJournal(t);
	const keeper = keeperFor(file, {
		sync: async () => undefined,
		spacingMs: Number.POSITIVE_INFINITY,
	});
	// A stale record past the early fold: it is rejected, and named by its line in the journal.
	const fresh = randomJournal(19, 26_000);
	const records = [...fresh.slice(0, 23_000), ...fresh.slice(10, 11), ...fresh.slice(23_000)];
	for (let start = 0; start < records.length; start += 5000) {
		const batch = records.slice(start, start + 5000);
		const text = batch.map(serializeRecord).join('');
		await writeFile(file, text, {flag: 'a'});
		keeper.recordedMany(batch, Buffer.byteLength(text));
	}

	await assert.rejects(readFile(snapshotPathOf(file)), {code: 'ENOENT'}, 'folded, not written');
	await keeper.flush();
	const replayed = await replayJournal(file, randomClasses);
	assert.equal(replayed.fromSnapshot, true);
	assert.equal(replayed.replayedRecords, 0);
	const whole = foldRecords(initialState(randomClasses), records);
	// As JSON: deepStrictEqual recurses down the 26,000-step undo list and runs out of stack.
	const encoded = (state: SessionState) => JSON.stringify(encodeState(state));
	assert.equal(encoded(replayed.state), encoded(whole.state));
	assert.deepStrictEqual(replayed.problems, whole.rejected);
	assert.deepStrictEqual(
		whole.rejected.map((problem) => problem.line),
		[23_001],
	);
});

/** `count` records on a full disk (the snapshot every 5 fails), then room again, a quit, a replay. */
async function quitAfterFullDisk(t: TestContext, exitTail: number, count: number) {
	const file = await emptyJournal(t);
	let diskFull = true;
	const keeper = keeperFor(file, {
		exitTail,
		sync: async () => {
			if (diskFull) throw new Error('ENOSPC: no space left on device');
		},
		every: 5,
		spacingMs: 0,
	});
	for (const record of randomJournal(23, count)) {
		await writeFile(file, serializeRecord(record), {flag: 'a'});
		keeper.recorded(record);
		// Lets the automatic write that the fifth record starts fail before going on.
		await new Promise((resolve) => setImmediate(resolve));
	}

	assert.match(String(keeper.lastError), /ENOSPC/);
	diskFull = false;
	await keeper.flush();
	return replayJournal(file, randomClasses);
}

test('records a failed automatic snapshot missed are written at exit, with or without more after', async (t) => {
	// 5 records the failed write left out and 2 since: past the exit tail of 6, so it writes.
	const more = await quitAfterFullDisk(t, 6, 7);
	assert.equal(more.fromSnapshot, true);
	assert.equal(more.replayedRecords, 0);
	// Nothing after the failure: the 5 it left out are still past the exit tail of 4.
	const none = await quitAfterFullDisk(t, 4, 5);
	assert.equal(none.fromSnapshot, true);
	assert.equal(none.replayedRecords, 0);
});
