import assert from 'node:assert/strict';
import test from 'node:test';
import {itemsSharedWithOthers} from '../../../source/core/agreement/shared-items.js';
import type {JournalRecord} from '../../../source/core/journal-record.js';
import {decideRecord} from '../../helpers/journal-records.js';

const undo = (seq: number, target: number, path: string): JournalRecord => ({
	v: 1,
	seq,
	time: '2026-11-25T10:00:05.000Z',
	op: 'undo',
	path,
	target,
});

test('an image is shared when another person holds a current vote on it', () => {
	const x = decideRecord(1).path;
	const ann = [decideRecord(1), decideRecord(2), decideRecord(3)];
	const bea = [
		decideRecord(1, {path: x, label: 'photo'}),
		decideRecord(2, {path: decideRecord(3).path}),
		undo(3, 2, decideRecord(3).path),
	];
	const shared = itemsSharedWithOthers(
		[
			{user: 'ann', records: ann},
			{user: 'bea', records: bea},
		],
		'ann',
	);
	// bea's vote on item 3 was undone: only item 1 is still hers too.
	assert.deepEqual([...shared], [x]);
});

test('alone on a folder, nothing is shared', () => {
	const shared = itemsSharedWithOthers(
		[
			{user: 'ann', records: [decideRecord(1)]},
			{user: 'bea', records: []},
		],
		'ann',
	);
	assert.equal(shared.size, 0);
});

test("another person's adjudication makes an image shared", () => {
	const item = decideRecord(4).path;
	const shared = itemsSharedWithOthers(
		[
			{user: 'ann', records: [decideRecord(4)]},
			{user: 'cy', records: [decideRecord(1, {path: item, origin: 'adjudicated'})]},
		],
		'ann',
	);
	assert.deepEqual([...shared], [item]);
});
