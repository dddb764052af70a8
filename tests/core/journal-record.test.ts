import assert from 'node:assert/strict';
import test from 'node:test';
import {foldJournal} from '../../source/core/fold.js';
import {parseJournal, serializeRecord} from '../../source/core/journal-parse.js';
import type {DecideRecord, JournalRecord} from '../../source/core/journal-record.js';
import {getEntry} from '../../source/core/persistent-map.js';
import {decisionOf, initialState} from '../../source/core/session-state.js';

const record = (seq: number): JournalRecord => ({
	v: 1,
	seq,
	time: '2026-11-25T10:00:00.000Z',
	op: 'decide',
	path: `dir/img ${seq}.jpg`,
	size: 10,
	mtimeMs: 5,
	label: 'photo',
	ms: 12,
	via: 'key',
});

test('a torn last line is dropped quietly', () => {
	const text = serializeRecord(record(1)) + serializeRecord(record(2)).slice(0, 30);
	const parsed = parseJournal(text);
	assert.equal(parsed.records.length, 1);
	assert.equal(parsed.tornTail, true);
	assert.deepEqual(parsed.problems, []);
});

test('every cut of the last record replays the records before it', () => {
	const whole = serializeRecord(record(1)) + serializeRecord(record(2));
	const firstLength = serializeRecord(record(1)).length;
	for (let cut = firstLength; cut <= whole.length; cut++) {
		const parsed = parseJournal(whole.slice(0, cut));
		// Only the newline missing: the record is whole and kept, as the writer keeps it.
		const expected = cut >= whole.length - 1 ? 2 : 1;
		assert.equal(parsed.records.length, expected, `cut at ${cut}`);
		assert.deepEqual(parsed.problems, [], `cut at ${cut}`);
	}
});

test('a corrupt line in the middle is reported with its line number and skipped', () => {
	const text = `${serializeRecord(record(1))}{"v":1,"seq":2,garbage\n${serializeRecord(record(3))}`;
	const parsed = parseJournal(text);
	assert.deepEqual(
		parsed.records.map((r) => r.seq),
		[1, 3],
	);
	assert.deepEqual(parsed.problems, [{line: 2, reason: 'not valid JSON'}]);
});

test('records with missing fields or unknown versions are reported', () => {
	const text =
		'{"v":2,"seq":1,"time":"t","op":"decide"}\n{"v":1,"seq":2,"time":"t","op":"decide","path":"a"}\n{"v":1,"seq":3,"time":"t","op":"fly"}\n';
	const parsed = parseJournal(text);
	assert.equal(parsed.records.length, 0);
	assert.deepEqual(
		parsed.problems.map((p) => p.line),
		[1, 2, 3],
	);
	assert.match(parsed.problems[0]?.reason ?? '', /version/);
	assert.match(parsed.problems[2]?.reason ?? '', /unknown operation/);
});

test('paths with newlines and escapes survive a round trip', () => {
	const hostile = {...record(1), path: 'a\nb\u001b[31m.jpg'} as JournalRecord;
	const line = serializeRecord(hostile);
	assert.equal(line.split('\n').length, 2, 'one line per record');
	const [first] = parseJournal(line).records;
	assert.equal(first && 'path' in first ? first.path : undefined, 'a\nb\u001b[31m.jpg');
});

test('records that do not apply are reported at their own line, after a corrupt one', () => {
	const lines = [
		serializeRecord({...reopenOf('a.jpg'), seq: 1}),
		'{"v":1,"seq":2,garbage\n',
		'\n',
		serializeRecord({
			v: 1,
			seq: 3,
			time: '2026-11-25T10:00:00.000Z',
			op: 'undo',
			path: 'a.jpg',
			target: 9,
		}),
	];
	const parsed = parseJournal(lines.join(''));
	assert.deepEqual(parsed.problems, [{line: 2, reason: 'not valid JSON'}]);
	assert.deepEqual(parsed.recordLines, [1, 4]);
	const {rejected} = foldJournal(
		initialState(['photo']),
		parsed.records,
		(index) => parsed.recordLines?.[index] ?? 0,
	);
	assert.deepEqual(
		rejected.map((problem) => problem.line),
		[1, 4],
	);
});

function reopenOf(path: string): JournalRecord {
	return {v: 1, seq: 1, time: '2026-11-25T10:00:00.000Z', op: 'reopen', path, reason: 'missing'};
}

test('ctime and inode are optional item fields: kept through a fold, checked when present', () => {
	const withIdentity = {...record(1), ctimeMs: 1_764_000_000_123.5, ino: 4_242_424};
	const parsed = parseJournal(serializeRecord(withIdentity));
	assert.deepEqual(parsed.records, [withIdentity]);
	const {state} = foldJournal(initialState(['photo', 'screenshot']), parsed.records);
	const decision = getEntry(state.decisions, 'dir/img 1.jpg');
	assert.deepEqual([decision?.ctimeMs, decision?.ino], [withIdentity.ctimeMs, withIdentity.ino]);

	const older = parseJournal(serializeRecord(record(1)));
	assert.equal(older.problems.length, 0, 'a record without them (an older journal) still reads');
	const bad = parseJournal(
		`${JSON.stringify({...record(1), ino: 'x'})}\n${JSON.stringify({...record(2), ctimeMs: -1})}\n`,
	);
	assert.deepEqual(
		bad.problems.map((problem) => problem.line),
		[1, 2],
	);
});

test('an imported decision keeps its note through parse and fold, and undoes like any other', () => {
	const imported: DecideRecord = {
		...(record(1) as DecideRecord),
		via: 'import',
		imported: {annotator: 'ines', confidence: 0.93, origin: 'key'},
	};
	const undo: JournalRecord = {
		v: 1,
		seq: 2,
		time: record(1).time,
		op: 'undo',
		path: imported.path,
		target: 1,
	};
	const parsed = parseJournal(serializeRecord(imported));
	assert.deepEqual(parsed.problems, []);
	const folded = foldJournal(initialState(['photo', 'screenshot']), parsed.records);
	const decision = decisionOf(folded.state, imported.path);
	assert.equal(decision?.via, 'import');
	assert.deepEqual(decision?.imported, {annotator: 'ines', confidence: 0.93, origin: 'key'});
	const undone = foldJournal(initialState(['photo', 'screenshot']), [...parsed.records, undo]);
	assert.equal(decisionOf(undone.state, imported.path), undefined);
	assert.deepEqual(undone.rejected, []);
});

test('an import note that is not one makes the record a reported problem', () => {
	for (const imported of [{confidence: 2}, {annotator: 7}, 'ines']) {
		const text = `${JSON.stringify({...record(1), via: 'import', imported})}\n`;
		assert.deepEqual(parseJournal(text).problems, [
			{line: 1, reason: 'decide record is missing fields'},
		]);
	}

	const unknownVia = `${JSON.stringify({...record(1), via: 'telepathy'})}\n`;
	assert.equal(parseJournal(unknownVia).problems.length, 1);
});
