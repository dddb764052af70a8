import assert from 'node:assert/strict';
import test from 'node:test';
import type {DecisionOrigin, JournalRecord} from '../../source/core/journal-record.js';
import {keysPerImageOf} from '../../source/model/agreement.js';

let seq = 0;
function decideRecord(path: string, origin?: DecisionOrigin): JournalRecord {
	seq++;
	return {
		v: 1,
		seq,
		time: 't',
		op: 'decide',
		path,
		size: 1,
		mtimeMs: 1,
		label: 'photo',
		ms: 1,
		via: 'guess',
		...(origin ? {origin} : {}),
	};
}

const grid = (page: number, outcome: 'confirmed' | 'corrected'): DecisionOrigin => ({
	kind: 'grid',
	page,
	guessed: 'photo',
	outcome,
});

test('a grid page costs its Enter and two keys per corrected cell; auto-accepts cost none', () => {
	const records = [
		decideRecord('single.jpg'),
		...Array.from({length: 9}, (_, index) => decideRecord(`p1-${index}.jpg`, grid(1, 'confirmed'))),
		decideRecord('p1-fix.jpg', grid(1, 'corrected')),
		...Array.from({length: 10}, (_, index) =>
			decideRecord(`p2-${index}.jpg`, grid(2, 'confirmed')),
		),
		...Array.from({length: 5}, (_, index) =>
			decideRecord(`auto-${index}.jpg`, {kind: 'auto', probability: 0.99, threshold: 0.98}),
		),
	];
	// Keys: 1 (single) + 2 Enters + 2 (the correction) = 5, over 26 decisions.
	assert.equal(keysPerImageOf(records, 26), 5 / 26);
});
