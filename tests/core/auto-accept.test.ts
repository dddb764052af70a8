import assert from 'node:assert/strict';
import test from 'node:test';
import {
	type AutoAcceptOptions,
	auditDraw,
	autoAcceptAction,
	autoAcceptFigures,
	autoAcceptGate,
	routeGuess,
} from '../../source/core/auto-accept.js';
import {foldJournal} from '../../source/core/fold.js';
import type {DecisionOrigin, JournalRecord} from '../../source/core/journal-record.js';
import type {SessionAction} from '../../source/core/session-reducer.js';
import {decisionOf, type SessionState} from '../../source/core/session-state.js';
import {item, run, time, withItems} from '../helpers/session-script.js';

const options: AutoAcceptOptions = {threshold: 0.95, after: 30, audit: 0.1, seed: 7};

/** A decision on `path` with a guess of `guessed` at `confidence`; `label` is what was decided. */
function decided(
	path: string,
	label: string,
	guessed: string,
	confidence: number,
	origin?: DecisionOrigin,
): SessionAction {
	return {
		type: 'decide',
		item: item(path),
		label,
		time,
		ms: 10,
		guess: {label: guessed, confidence, source: 'test'},
		...(origin ? {origin} : {}),
	};
}

/** `right` agreeing and `wrong` disagreeing human decisions, all with guesses at `confidence`. */
function session(right: number, wrong: number, confidence = 0.97, extra: SessionAction[] = []) {
	const paths = Array.from(
		{length: right + wrong + extra.length + 10},
		(_, index) => `i${index}.jpg`,
	);
	const actions = [
		...Array.from({length: right}, (_, index) =>
			decided(`i${index}.jpg`, 'photo', 'photo', confidence),
		),
		...Array.from({length: wrong}, (_, index) =>
			decided(`i${right + index}.jpg`, 'screenshot', 'photo', confidence),
		),
		...extra,
	];
	return run(withItems(paths), actions);
}

const grid = (outcome: 'confirmed' | 'corrected', audit = true): DecisionOrigin => ({
	kind: 'grid',
	page: 1,
	guessed: 'photo',
	outcome,
	...(audit ? {audit: true as const} : {}),
});

test('the figures count human, auto and audited decisions from the session itself', () => {
	const auto = autoAcceptAction(
		item('a1.jpg'),
		{label: 'photo', confidence: 0.99, source: 't'},
		0.99,
		0.95,
		time,
	);
	const {state} = session(40, 2, 0.97, [
		auto,
		decided('a2.jpg', 'photo', 'photo', 0.99, grid('confirmed')),
		decided('a3.jpg', 'screenshot', 'photo', 0.99, grid('corrected')),
		decided('a4.jpg', 'photo', 'photo', 0.6, grid('confirmed', false)),
	]);
	const figures = autoAcceptFigures(state, 0.95);
	assert.equal(figures.auto, 1);
	assert.equal(figures.human, 45);
	assert.equal(figures.compared, 45);
	assert.equal(figures.agreed, 42);
	// The 0.6 guess is below the threshold: not in the confident band.
	assert.equal(figures.confident, 44);
	assert.equal(figures.confidentRight, 41);
	assert.equal(figures.audited, 2);
	assert.equal(figures.auditWrong, 1);
	// Wilson 95% for 1 of 2: 0.0945 to 0.9055.
	assert.ok(Math.abs(figures.errorInterval.low - 0.0945) < 1e-3);
	assert.ok(Math.abs(figures.errorInterval.high - 0.9055) < 1e-3);
});

test('the gate waits for N decisions and enough sure guesses, and needs accuracy above P', () => {
	const early = autoAcceptGate(autoAcceptFigures(session(20, 0).state, 0.95), options);
	assert.deepEqual(early, {
		open: false,
		stopped: false,
		reason: 'auto-accept waits for 30 decisions of yours (20 so far)',
	});
	const unsure = autoAcceptGate(autoAcceptFigures(session(40, 0, 0.9).state, 0.95), options);
	assert.ok(
		!unsure.open && unsure.reason.includes('waits for 20 checked guesses'),
		JSON.stringify(unsure),
	);
	const poor = autoAcceptGate(autoAcceptFigures(session(38, 2).state, 0.95), options);
	assert.ok(!poor.open && poor.reason.includes('right 95.0% of the time'), JSON.stringify(poor));
	assert.deepEqual(autoAcceptGate(autoAcceptFigures(session(40, 1).state, 0.95), options), {
		open: true,
	});
	// With a calibration that says these guesses are only 90% sure, nothing is confident enough.
	const calibrated = autoAcceptFigures(session(40, 1).state, 0.95, () => 0.9);
	assert.equal(autoAcceptGate(calibrated, options).open, false);
});

test('the audit stops auto-accept when its error rate is above 1 − P, and says why', () => {
	const audits = Array.from({length: 10}, (_, index) =>
		decided(
			`audit${index}.jpg`,
			index === 0 ? 'screenshot' : 'photo',
			'photo',
			0.99,
			grid(index === 0 ? 'corrected' : 'confirmed'),
		),
	);
	const gate = autoAcceptGate(autoAcceptFigures(session(60, 0, 0.97, audits).state, 0.95), options);
	assert.deepEqual(gate, {
		open: false,
		stopped: true,
		reason:
			'auto-accept stopped: the audit found 1 of 10 auto-accepted guesses wrong (10.0%, above 5.0%)',
	});
	const fine = audits.slice(1);
	assert.equal(
		autoAcceptGate(autoAcceptFigures(session(60, 0, 0.97, fine).state, 0.95), options).open,
		true,
	);
});

test('routing: below P or a closed gate shows; the audit takes a stable, seeded share', () => {
	const open = {open: true} as const;
	const closed = {open: false, stopped: false, reason: 'x'} as const;
	assert.equal(routeGuess('a.jpg', 0.94, open, options), 'show');
	assert.equal(routeGuess('a.jpg', 0.99, closed, options), 'show');
	const paths = Array.from({length: 20_000}, (_, index) => `dir/${index}.jpg`);
	const audited = paths.filter((path) => routeGuess(path, 0.99, open, options) === 'audit');
	// 10% of 20,000: 2,000 ± 4 standard deviations (about 170).
	assert.ok(Math.abs(audited.length - 2000) < 170, String(audited.length));
	assert.deepEqual(
		paths.filter((path) => routeGuess(path, 0.99, open, options) === 'audit'),
		audited,
	);
	const otherSeed = paths.filter((path) => auditDraw(8, path) < 0.1);
	assert.notDeepEqual(otherSeed, audited);
});

test('an auto-accept is a normal journal record with origin auto, and replays', () => {
	const action = autoAcceptAction(
		item('a.jpg'),
		{label: 'photo', confidence: 0.98, source: 't'},
		0.991,
		0.99,
		time,
	);
	const live = run(withItems(['a.jpg', 'b.jpg']), [action]);
	const record = live.records[0] as JournalRecord;
	assert.equal(record.op === 'decide' && record.via, 'guess');
	assert.deepEqual(record.op === 'decide' && record.origin, {
		kind: 'auto',
		probability: 0.991,
		threshold: 0.99,
	});
	const replayed: SessionState = foldJournal(withItems(['a.jpg', 'b.jpg']), live.records).state;
	assert.deepEqual(decisionOf(replayed, 'a.jpg'), decisionOf(live.state, 'a.jpg'));
});
