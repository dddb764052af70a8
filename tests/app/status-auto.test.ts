import assert from 'node:assert/strict';
import test from 'node:test';
import {formatStatus, statusOf} from '../../source/app/status.js';
import {autoAcceptAction} from '../../source/core/auto-accept.js';
import type {DecisionOrigin} from '../../source/core/journal-record.js';
import {type SessionAction, sessionReducer} from '../../source/core/session-reducer.js';
import {initialState} from '../../source/core/session-state.js';

const time = '2026-11-25T10:00:00.000Z';
const item = (path: string) => ({path, size: 10, mtimeMs: 1});
const guess = {label: 'photo', confidence: 0.995, source: 'learned'};

function audited(path: string, label: string): SessionAction {
	const origin: DecisionOrigin = {
		kind: 'grid',
		page: 2,
		guessed: 'photo',
		outcome: label === 'photo' ? 'confirmed' : 'corrected',
		audit: true,
	};
	return {type: 'decide', time, item: item(path), label, ms: 5, guess, origin};
}

function stateAfter(actions: SessionAction[]) {
	const paths = Array.from({length: 30}, (_, index) => `${index}.jpg`);
	let state = sessionReducer(initialState(['photo', 'screenshot']), {type: 'items-found', paths});
	for (const action of actions) {
		state = sessionReducer(state, action);
	}

	return state;
}

test('status reports auto-accepts and their audited error rate with a Wilson interval', () => {
	const autos = Array.from({length: 20}, (_, index) =>
		autoAcceptAction(item(`${index}.jpg`), guess, 0.995, 0.99, time),
	);
	const audits = [
		audited('20.jpg', 'photo'),
		audited('21.jpg', 'photo'),
		audited('22.jpg', 'screenshot'),
		audited('23.jpg', 'photo'),
	];
	const report = statusOf(stateAfter([...autos, ...audits]), 30, {
		dir: '/d',
		user: 'ann',
		warnings: [],
	});
	assert.equal(report.autoAccept?.accepted, 20);
	assert.equal(report.autoAccept?.audited, 4);
	assert.equal(report.autoAccept?.auditWrong, 1);
	// Auto-accepts agree with their guess by construction: they are not counted as agreement.
	assert.deepEqual(
		{compared: report.guesses.compared, agreed: report.guesses.agreed},
		{compared: 4, agreed: 3},
	);
	// Wilson 95% for 1 of 4: 4.6% to 69.9%.
	assert.match(
		formatStatus(report),
		/auto {9}20 guesses accepted unseen; audit: 1 of 4 wrong, error 25\.0% \(95% CI 4\.6%–69\.9%\)/,
	);
});

test('status says nothing about auto-accept when it never ran', () => {
	const report = statusOf(stateAfter([]), 30, {dir: '/d', user: 'ann', warnings: []});
	assert.equal(report.autoAccept, undefined);
	assert.doesNotMatch(formatStatus(report), /auto /);
});
