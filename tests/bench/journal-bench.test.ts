import assert from 'node:assert/strict';
import test from 'node:test';
import {buildJournalRecords, runJournalBench} from '../../bench/journal-bench.js';
import {foldJournal} from '../../source/core/fold.js';
import {recordProblem} from '../../source/core/journal-parse.js';
import {initialState} from '../../source/core/session-state.js';

test('the bench journal is valid, replays cleanly and mixes every kind of step', () => {
	const records = buildJournalRecords(3000, 9);
	assert.equal(records.length, 3000);
	assert.deepEqual(
		records.map((record) => recordProblem(record)).filter((problem) => problem),
		[],
	);
	const ops = new Set(records.map((record) => record.op));
	assert.deepEqual([...ops].sort(), ['decide', 'session', 'skip', 'undo']);
	assert.ok(records.some((record) => record.op === 'decide' && record.via === 'guess'));
	const {rejected} = foldJournal(
		initialState(['photo', 'screenshot', 'document', 'meme']),
		records,
	);
	assert.deepEqual(rejected, []);
	assert.deepEqual(buildJournalRecords(3000, 9), records);
});

test('the journal bench reports appends per size and a resume that rejects nothing', async () => {
	const result = await runJournalBench({
		existing: [10, 200],
		appends: 5,
		resumeRecords: 400,
		runs: 1,
	});
	assert.deepEqual(
		result.appends.map((figures) => [
			figures.existing,
			figures.append.count,
			figures.appendAndSync.count,
		]),
		[
			[10, 5, 5],
			[200, 5, 5],
		],
	);
	assert.ok(
		result.appends[1] &&
			result.appends[0] &&
			result.appends[1].journalBytes > result.appends[0].journalBytes,
	);
	assert.equal(result.resume.records, 400);
	assert.equal(result.resume.rejected, 0);
	assert.ok(result.resume.decided > 300);
	for (const value of [
		result.resume.readMs,
		result.resume.parseMs,
		result.resume.foldMs,
		result.resume.foldAfterScanMs,
	]) {
		assert.ok(Number.isFinite(value) && value >= 0);
	}
});

test('the bench journal can be made over real files, carrying their size and mtime', () => {
	const files = new Map(
		Array.from({length: 500}, (_, index) => [
			`part-000/Screenshot ${index}.png`,
			{size: 1000 + index, mtimeMs: 1_700_000_000_000 + index},
		]),
	);
	const records = buildJournalRecords(500, 3, files);
	assert.equal(records.length, 500);
	const withItems = records.filter((record) => record.op === 'decide' || record.op === 'skip');
	assert.ok(withItems.length > 400);
	for (const record of withItems) {
		assert.deepEqual(
			{size: record.size, mtimeMs: record.mtimeMs},
			files.get(record.path),
			record.path,
		);
	}
});
