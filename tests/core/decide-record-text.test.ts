/**
The journal line a decide writes, and the decision it folds to, pinned key by key: records are
built by assignment (not spreads) for speed, and their key order is the journal's bytes.
*/
import assert from 'node:assert/strict';
import test from 'node:test';
import type {GridOrigin} from '../../source/core/decision-origin.js';
import {actionOfRecord, foldRecords} from '../../source/core/fold.js';
import {serializeRecord} from '../../source/core/journal-parse.js';
import type {DecideRecord} from '../../source/core/journal-record.js';
import {decideRecord} from '../../source/core/labeling-steps.js';
import {getEntry} from '../../source/core/persistent-map.js';
import {initialState} from '../../source/core/session-state.js';

const time = '2026-12-05T00:00:00.000Z';
const guess = {label: 'photo', confidence: 0.9, source: 'builtin'};
const origin: GridOrigin = {kind: 'grid', page: 3, guessed: 'photo', outcome: 'corrected'};

test('a decide record has its keys in the journal order, optional ones only when given', () => {
	const bare = decideRecord(
		4,
		{time, item: {path: 'a.jpg', size: 1, mtimeMs: 2}, label: 'photo', ms: 5},
		'key',
	);
	assert.equal(
		serializeRecord(bare),
		`{"v":1,"seq":4,"time":"${time}","op":"decide","path":"a.jpg","size":1,"mtimeMs":2,"label":"photo","ms":5,"via":"key"}\n`,
	);
	const full = decideRecord(
		5,
		{
			time,
			item: {path: 'b.jpg', size: 1, mtimeMs: 2, ctimeMs: 3, ino: 4},
			label: 'meme',
			ms: 6,
			guess,
			imported: {annotator: 'ada'},
			origin,
		},
		'import',
	);
	assert.equal(
		serializeRecord(full),
		`{"v":1,"seq":5,"time":"${time}","op":"decide","path":"b.jpg","size":1,"mtimeMs":2,"ctimeMs":3,"ino":4,"label":"meme","ms":6,"via":"import","guess":${JSON.stringify(guess)},"imported":{"annotator":"ada"},"origin":${JSON.stringify(origin)}}\n`,
	);
	// A note is only an import's.
	const keyed = decideRecord(
		6,
		{time, item: {path: 'c.jpg', size: 1, mtimeMs: 2}, label: 'meme', ms: 0, imported: {}},
		'key',
	);
	assert.ok(!('imported' in keyed));
});

test("a folded decide holds the record's fields in Decision order, and its action the same item", () => {
	const record: DecideRecord = {
		v: 1,
		seq: 1,
		time,
		op: 'decide',
		path: 'b.jpg',
		size: 1,
		mtimeMs: 2,
		ctimeMs: 3,
		ino: 4,
		label: 'meme',
		ms: 6,
		via: 'import',
		guess,
		origin,
	};
	const action = actionOfRecord(record);
	assert.deepEqual(action, {
		type: 'decide',
		seq: 1,
		time,
		item: {path: 'b.jpg', size: 1, mtimeMs: 2, ctimeMs: 3, ino: 4},
		label: 'meme',
		ms: 6,
		guess,
		imported: {},
		origin,
	});
	const {state} = foldRecords(initialState(['photo', 'meme']), [record]);
	assert.equal(
		JSON.stringify(getEntry(state.decisions, 'b.jpg')),
		`{"label":"meme","seq":1,"time":"${time}","size":1,"mtimeMs":2,"ctimeMs":3,"ino":4,"ms":6,"via":"import","guess":${JSON.stringify(guess)},"imported":{},"origin":${JSON.stringify(origin)}}`,
	);
	const accepted = actionOfRecord({...record, via: 'guess', guess: {...guess, label: 'meme'}});
	assert.equal(accepted.type, 'accept-guess');
	assert.ok(!('imported' in accepted) && !('label' in accepted));
});
