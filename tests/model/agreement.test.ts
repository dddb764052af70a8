import assert from 'node:assert/strict';
import test from 'node:test';
import {foldJournal} from '../../source/core/fold.js';
import {initialState} from '../../source/core/session-state.js';
import {agreementOf, keysPerImageOf} from '../../source/model/agreement.js';
import {decideRecord} from '../helpers/journal-records.js';

const guess = (label: string) => ({label, confidence: 0.8, source: 'builtin'});

test('agreement counts the current decisions made with a guess shown, after undo and relabel', () => {
	const records = [
		decideRecord(1, {label: 'photo', guess: guess('photo'), via: 'guess'}),
		decideRecord(2, {label: 'photo', guess: guess('screenshot')}),
		decideRecord(3, {label: 'screenshot'}),
		{v: 1, seq: 4, time: 't', op: 'undo', path: decideRecord(3).path, target: 3} as const,
		decideRecord(5, {label: 'screenshot', guess: guess('screenshot')}),
	];
	const {state} = foldJournal(initialState(['photo', 'screenshot']), records);
	assert.deepEqual(agreementOf(state.decisions), {compared: 3, agreed: 2});
	assert.equal(keysPerImageOf(records, state.decisions.size), 5 / 3);
	assert.equal(keysPerImageOf([], 0), undefined);
});
