import assert from 'node:assert/strict';
import test from 'node:test';
import {autoAcceptFigures} from '../../source/core/auto-accept.js';
import {isDecisionOrigin} from '../../source/core/decision-origin.js';
import {foldJournal} from '../../source/core/fold.js';
import {initialState} from '../../source/core/session-state.js';
import {DecisionWindow} from '../../source/model/decision-window.js';
import {decideRecord} from '../helpers/journal-records.js';
import {auditedGridOrigin} from '../helpers/session-script.js';

const classes = ['photo', 'screenshot'];
const guess = {label: 'photo', confidence: 0.99, source: 'builtin'};
const auto = {kind: 'auto', probability: 0.99, threshold: 0.95} as const;

/** 40 decisions: every 4th auto-accepted, every 10th an audited grid check, the rest by key. */
function journal() {
	return Array.from({length: 40}, (_, index) => {
		const seq = index + 1;
		if (seq % 4 === 0) {
			return decideRecord(seq, {label: 'photo', guess, via: 'guess', origin: auto});
		}

		return decideRecord(
			seq,
			seq % 10 === 5 ? {label: 'photo', guess, origin: auditedGridOrigin} : {},
		);
	});
}

test('the learner never trains on auto-accepted guesses; audited (human-checked) ones count', () => {
	const records = journal();
	const {state} = foldJournal(initialState(classes), records);
	const window = new DecisionWindow(1000);
	const learned = new Set(window.update(state.decisions).keys());
	const autoPaths = records.filter((record) => record.origin === auto).map((r) => r.path);
	assert.equal(autoPaths.length, 10);
	for (const itemPath of autoPaths) {
		assert.ok(!learned.has(itemPath), `${itemPath} was auto-accepted: not a training example`);
	}

	assert.equal(learned.size, 30, 'every decision a person made or checked');
	assert.ok(learned.has(decideRecord(5).path), 'an audited grid check is learned');
});

test('a window full of auto-accepts neither learns them as they arrive nor refills for them', () => {
	const window = new DecisionWindow(8, 2);
	const first = journal().slice(0, 12);
	let {state} = foldJournal(initialState(classes), first);
	window.update(state.decisions);
	const passes = window.passes;
	const more = Array.from({length: 20}, (_, index) =>
		decideRecord(100 + index, {label: 'photo', guess, via: 'guess', origin: auto}),
	);
	state = foldJournal(state, more).state;
	const change = window.update(state.decisions);
	assert.deepEqual([...change.keys()], [], 'auto-accepts change nothing the learner learns');
	assert.equal(window.passes, passes, 'no refill pass: the window is as full as it can be');
	assert.equal(window.size, 8);
});

test('the accuracy that gates auto-accept counts people, not the auto-accepts themselves', () => {
	const {state} = foldJournal(initialState(classes), journal());
	const figures = autoAcceptFigures(state, 0.95);
	assert.equal(figures.auto, 10);
	assert.equal(figures.human, 30);
	assert.equal(figures.audited, 4);
	assert.equal(figures.confident, 4, 'only the audited checks carried a sure guess');
});

test('a single-view audit check counts in the audit, and a corrected one as wrong', () => {
	const single = {kind: 'single', guessed: 'photo', audit: true} as const;
	const records = [
		decideRecord(1, {label: 'photo', guess, origin: single}),
		decideRecord(2, {label: 'screenshot', guess, origin: single}),
	];
	assert.ok(isDecisionOrigin(single), 'a valid origin in the journal');
	const {state} = foldJournal(initialState(classes), records);
	const figures = autoAcceptFigures(state, 0.95);
	assert.deepEqual([figures.audited, figures.auditWrong], [2, 1]);
	const window = new DecisionWindow(10);
	assert.equal(window.update(state.decisions).size, 2, 'a person checked them: both are learned');
});
