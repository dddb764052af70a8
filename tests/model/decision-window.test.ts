import assert from 'node:assert/strict';
import {mkdtemp} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import test from 'node:test';
import {foldJournal} from '../../source/core/fold.js';
import {entries} from '../../source/core/persistent-map.js';
import {sessionReducer} from '../../source/core/session-reducer.js';
import {initialState, type SessionState} from '../../source/core/session-state.js';
import {decodeState, type EncodedState, encodeState} from '../../source/core/state-codec.js';
import {AgreementCounter, agreementOf} from '../../source/model/agreement.js';
import {DecisionWindow} from '../../source/model/decision-window.js';
import {Learner} from '../../source/model/learner.js';
import {LearnerHost} from '../../source/model/learner-host.js';
import {atomicTextFile} from '../../source/store/atomic-file.js';
import {removeFolder} from '../helpers/dataset.js';
import {decideRecord} from '../helpers/journal-records.js';

const classes = ['photo', 'screenshot'];
const time = '2026-11-25T10:00:00.000Z';

function decided(count: number): SessionState {
	const records = Array.from({length: count}, (_, index) =>
		decideRecord(
			index + 1,
			index % 3 === 0 ? {guess: {label: 'photo', confidence: 0.7, source: 'builtin'}} : {},
		),
	);
	return foldJournal(initialState(classes), records).state;
}

function decide(state: SessionState, itemPath: string, label: string): SessionState {
	const item = {path: itemPath, size: 1, mtimeMs: 1};
	const guess = {label: 'screenshot', confidence: 0.6, source: 'builtin'};
	return sessionReducer(state, {type: 'decide', time, item, label, ms: 100, guess});
}

function undo(state: SessionState): SessionState {
	return sessionReducer(state, {type: 'undo', time});
}

/** What a window's changes add up to: path → label. */
function mirror(window: DecisionWindow, state: SessionState, into: Map<string, string>): void {
	for (const [itemPath, label] of window.update(state.decisions)) {
		if (label === undefined) {
			into.delete(itemPath);
		} else {
			into.set(itemPath, label);
		}
	}
}

function newest(state: SessionState, count: number): Map<string, string> {
	const all = [...entries(state.decisions)].sort(([, left], [, right]) => right.seq - left.seq);
	return new Map(all.slice(0, count).map(([itemPath, decision]) => [itemPath, decision.label]));
}

test('a small session: the window is every decision, through decides, relabels and undos', () => {
	const window = new DecisionWindow(50);
	const seen = new Map<string, string>();
	let state = decided(20);
	mirror(window, state, seen);
	assert.deepEqual(seen, newest(state, 50));
	state = decide(state, 'new-1.jpg', 'photo');
	state = decide(state, decideRecord(3).path, 'photo');
	mirror(window, state, seen);
	assert.deepEqual(seen, newest(state, 50));
	state = undo(state);
	mirror(window, state, seen);
	assert.deepEqual(seen, newest(state, 50), 'the relabel undone: its old decision is back');
	state = undo(undo(state));
	mirror(window, state, seen);
	assert.deepEqual(seen, newest(state, 50));
	assert.equal(window.passes, 1, 'one pass over all decisions, at the start');
});

test('a large session: the newest decisions, one pass to start, one per slack of undos', () => {
	const window = new DecisionWindow(100, 10);
	const seen = new Map<string, string>();
	let state = decided(5000);
	mirror(window, state, seen);
	assert.deepEqual(seen, newest(state, 100));
	for (let index = 0; index < 30; index++) {
		state = decide(state, `live-${index}.jpg`, index % 2 === 0 ? 'photo' : 'screenshot');
		mirror(window, state, seen);
	}

	assert.deepEqual(seen, newest(state, 100), 'each decide enters, the oldest leaves');
	assert.equal(window.passes, 1);
	for (let index = 0; index < 10; index++) {
		state = undo(state);
		mirror(window, state, seen);
	}

	assert.equal(seen.size, 90, 'undos shrink the window, up to the slack');
	assert.equal(window.passes, 1);
	state = undo(state);
	mirror(window, state, seen);
	assert.deepEqual(seen, newest(state, 100), 'one more undo refills it');
	assert.equal(window.passes, 2);
});

test('agreement counted from the changes equals a full count', () => {
	const counter = new AgreementCounter();
	let state = decided(3000);
	assert.deepEqual(counter.of(state.decisions), agreementOf(state.decisions));
	state = decide(state, 'a.jpg', 'screenshot');
	state = decide(state, decideRecord(9).path, 'photo');
	assert.deepEqual(counter.of(state.decisions), agreementOf(state.decisions));
	state = undo(undo(undo(state)));
	assert.deepEqual(counter.of(state.decisions), agreementOf(state.decisions));
	assert.deepEqual(counter.of(decided(10).decisions), agreementOf(decided(10).decisions));
});

test('a learner host fed 5000 decisions fetches and holds at most the window, two at a time', async (t) => {
	const dir = await mkdtemp(path.join(tmpdir(), 'imgsift-window-'));
	t.after(async () => removeFolder(dir));
	const host = new LearnerHost(new Learner(classes, 2), atomicTextFile(path.join(dir, 'l.json')));
	t.after(async () => host.flush());
	const window = new DecisionWindow(1000);
	const requested: string[] = [];
	let running = 0;
	let mostAtOnce = 0;
	const exampleOf = async (itemPath: string) => {
		requested.push(itemPath);
		running++;
		mostAtOnce = Math.max(mostAtOnce, running);
		await new Promise<void>((resolve) => {
			setImmediate(resolve);
		});
		running--;
		return {vector: [itemPath.length % 7, requested.length % 5], baseline: undefined};
	};

	let state = decided(5000);
	host.update(window.update(state.decisions), exampleOf);
	await host.settle();
	assert.equal(requested.length, 1000);
	assert.equal(host.size, 1000);
	assert.equal(mostAtOnce, 2);
	assert.deepEqual(new Set(requested), new Set(newest(state, 1000).keys()));

	for (let index = 0; index < 20; index++) {
		state = decide(state, `live-${index}.jpg`, 'photo');
		host.update(window.update(state.decisions), exampleOf);
	}

	state = undo(state);
	host.update(window.update(state.decisions), exampleOf);
	await host.settle();
	assert.equal(requested.length, 1019, 'one per new decision still wanted when its turn came');
	assert.equal(host.size, 999, 'the undone decision is forgotten');
	assert.equal(window.passes, 1, 'no pass over all 5000 decisions after the start');
});

test('a refill over a resumed snapshot reports only the members that changed', () => {
	const window = new DecisionWindow(100, 10);
	let state = decodeState(JSON.parse(JSON.stringify(encodeState(decided(500)))) as EncodedState);
	assert.ok(state.decisions.base, 'the decisions are the snapshot columns');
	window.update(state.decisions);
	for (let index = 0; index < 11; index++) state = undo(state);
	const change = window.update(state.decisions);
	assert.equal(window.passes, 2, 'the undos refilled the window');
	// 11 left, 11 older ones came in: each decision read again from the columns is a new object.
	assert.equal(change.size, 22);
	assert.deepEqual(
		new Map([...change].filter(([, label]) => label !== undefined)),
		new Map(
			[...newest(state, 100)].filter(([itemPath]) => !newest(decided(489), 89).has(itemPath)),
		),
	);
});
