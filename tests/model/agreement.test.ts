import assert from 'node:assert/strict';
import test from 'node:test';
import {tableAgreement} from '../../source/core/decision-table.js';
import {foldJournal, foldRecords} from '../../source/core/fold.js';
import type {JournalRecord} from '../../source/core/journal-record.js';
import {initialState} from '../../source/core/session-state.js';
import {decodeState, type EncodedState, encodeState} from '../../source/core/state-codec.js';
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

test('a resumed snapshot counts agreement from its columns, and the changes since on top', () => {
	const classes = ['photo', 'screenshot'];
	const labels = ['photo', 'screenshot'];
	const records: JournalRecord[] = Array.from({length: 300}, (_, index) => {
		const label = labels[index % 2] ?? 'photo';
		const other = labels[(index + 1) % 2] ?? 'photo';
		const shown = index % 5 === 0 ? undefined : index % 3 === 0 ? other : label;
		return decideRecord(index + 1, {
			label,
			...(shown === undefined
				? {}
				: // Every 7th guess has a fourth field: kept whole in the snapshot, not in the guess columns.
					{guess: {...guess(shown), ...(index % 7 === 0 ? {model: 'v2'} : {})}}),
			...(index % 11 === 0 ? {origin: {kind: 'auto', probability: 0.99, threshold: 0.95}} : {}),
		});
	});
	const whole = foldJournal(initialState(classes), records).state;
	const resumed = decodeState(JSON.parse(JSON.stringify(encodeState(whole))) as EncodedState);
	assert.ok(tableAgreement(resumed.decisions.base), 'counted from the columns');
	assert.deepEqual(agreementOf(resumed.decisions), agreementOf(whole.decisions));
	assert.ok(agreementOf(whole.decisions).agreed < agreementOf(whole.decisions).compared);
	// Undos and a relabel after the resume: the overlay's changes are counted on top.
	const tail: JournalRecord[] = [
		{v: 1, seq: 301, time: 't', op: 'undo', path: decideRecord(300).path, target: 300},
		{v: 1, seq: 302, time: 't', op: 'undo', path: decideRecord(299).path, target: 299},
		decideRecord(4, {seq: 303, label: 'photo', guess: guess('photo')}),
	];
	const after = foldRecords(resumed, tail).state;
	assert.deepEqual(
		agreementOf(after.decisions),
		agreementOf(foldJournal(initialState(classes), [...records, ...tail]).state.decisions),
	);
});
