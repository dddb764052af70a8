import assert from 'node:assert/strict';
import test from 'node:test';
import {foldJournal} from '../../source/core/fold.js';
import type {JournalRecord} from '../../source/core/journal-record.js';
import {initialState} from '../../source/core/session-state.js';
import {decideRecord} from '../helpers/journal-records.js';

test('a journal pasted twice: the repeated session start is named by its user, not `session of ""`', () => {
	const once: JournalRecord[] = [
		{
			v: 1,
			seq: 1,
			time: '2026-12-04T10:00:00.000Z',
			op: 'session',
			user: 'ada',
			host: 'box',
			pid: 7,
		},
		decideRecord(2),
	];
	const {rejected} = foldJournal(initialState(['photo', 'screenshot']), [...once, ...once]);
	assert.deepEqual(rejected, [
		{line: 3, reason: 'session start by "ada" (seq 1) does not apply'},
		{line: 4, reason: 'decide of "images/item-000002.jpg" (seq 2) does not apply'},
	]);
});
