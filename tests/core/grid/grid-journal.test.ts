import assert from 'node:assert/strict';
import test from 'node:test';
import {foldJournal} from '../../../source/core/fold.js';
import {
	type GridState,
	gridReducer,
	gridTransition,
	initialGridState,
	resumedGridState,
} from '../../../source/core/grid/grid-reducer.js';
import {parseJournal, serializeRecord} from '../../../source/core/journal-parse.js';
import type {JournalRecord} from '../../../source/core/journal-record.js';
import {entries} from '../../../source/core/persistent-map.js';
import type {SessionState} from '../../../source/core/session-state.js';
import {decisionOf, isOpen} from '../../../source/core/session-state.js';
import {decide, run, withItems} from '../../helpers/session-script.js';
import {applyEffect, guessed} from './grid-fixture.js';

const paths = ['a.jpg', 'b.jpg', 'c.jpg', 'd.jpg', 'e.jpg', 'f.jpg'];
const all = paths.map((path, index) => guessed(path, 'photo', 0.99 - index / 100, 'screenshot'));

type Live = {session: SessionState; grid: GridState; records: JournalRecord[]};

/** Opens a page of `size`, marks cells with classes, accepts it, and journals its decisions. */
function acceptPage(live: Live, size: number, corrections: Record<number, string> = {}): Live {
	let grid = gridReducer(live.grid, {
		type: 'open-page',
		candidates: all.filter((candidate) => isOpen(live.session, candidate.path)),
		size,
	});
	for (const [cell, label] of Object.entries(corrections)) {
		grid = gridReducer(grid, {type: 'cell', cell: Number(cell)});
		grid = gridReducer(grid, {type: 'set-class', label});
	}

	const accepted = gridTransition(grid, {type: 'accept-page'});
	assert.ok(accepted);
	const applied = applyEffect(live.session, accepted.effect);
	return {
		session: applied.state,
		grid: accepted.state,
		records: [...live.records, ...applied.records],
	};
}

function start(): Live {
	const {state, records} = run(withItems(paths), [decide('f.jpg', 'photo')]);
	return {session: state, grid: initialGridState, records};
}

test('page decisions are normal journal records with their grid origin, and replay exactly', () => {
	const live = acceptPage(acceptPage(start(), 3, {1: 'screenshot'}), 2);
	const text = live.records.map((record) => serializeRecord(record)).join('');
	const parsed = parseJournal(text);
	assert.deepEqual(parsed.problems, []);
	const second = parsed.records[2];
	assert.deepEqual(second && 'origin' in second ? second.origin : undefined, {
		kind: 'grid',
		page: 1,
		guessed: 'photo',
		outcome: 'corrected',
	});
	assert.equal(second?.op === 'decide' ? second.via : undefined, 'key');
	const replayed = foldJournal(withItems(paths), parsed.records);
	assert.deepEqual(replayed.rejected, []);
	for (const path of paths) {
		assert.deepEqual(decisionOf(replayed.state, path), decisionOf(live.session, path), path);
	}

	assert.deepEqual(replayed.state.counts, {photo: 5, screenshot: 1});
	// The page's time on screen is counted once, not once per cell.
	assert.equal(replayed.state.sessions.length, 0);
	assert.equal(decisionOf(live.session, 'a.jpg')?.ms, 400);
});

test('undo takes back the whole last page, then the page before, then single-view steps', () => {
	const live = acceptPage(acceptPage(start(), 3, {1: 'screenshot'}), 2);
	const first = gridTransition(live.grid, {type: 'undo-page', session: live.session});
	assert.ok(first?.effect?.kind === 'undo');
	assert.equal(first.effect.targets.length, 2);
	let {state} = applyEffect(live.session, first.effect);
	assert.deepEqual(
		['d.jpg', 'e.jpg'].map((path) => isOpen(state, path)),
		[true, true],
	);
	assert.equal(decisionOf(state, 'a.jpg')?.label, 'photo');
	assert.equal(first.state.page?.number, 2);

	const second = gridTransition(first.state, {type: 'undo-page', session: state});
	assert.ok(second?.effect?.kind === 'undo');
	state = applyEffect(state, second.effect).state;
	assert.deepEqual(
		['a.jpg', 'b.jpg', 'c.jpg'].map((path) => isOpen(state, path)),
		[true, true, true],
	);
	// The page comes back as it was accepted, with its correction.
	assert.equal(second.state.page?.number, 1);
	assert.deepEqual(second.state.page?.cells[1]?.mark, {kind: 'class', label: 'screenshot'});

	const third = gridTransition(second.state, {type: 'undo-page', session: state});
	assert.ok(third?.effect?.kind === 'undo');
	assert.equal(third.effect.targets.length, 1);
	state = applyEffect(state, third.effect).state;
	assert.equal(decisionOf(state, 'f.jpg'), undefined);
	assert.equal(gridTransition(third.state, {type: 'undo-page', session: state}), undefined);
});

test('after a resume, undo still takes back the last page whole, rebuilt from the journal', () => {
	const live = acceptPage(acceptPage(start(), 3), 3, {0: 'screenshot'});
	const resumed = foldJournal(withItems(paths), live.records).state;
	const undo = gridTransition(initialGridState, {type: 'undo-page', session: resumed});
	assert.ok(undo?.effect?.kind === 'undo');
	// f.jpg was decided in the single view first, so page 2 held d and e.
	assert.equal(undo.effect.targets.length, 2);
	assert.equal(undo.state.page?.number, 2);
	assert.deepEqual(
		undo.state.page?.cells.map((cell) => [cell.path, cell.mark.kind]),
		[
			['d.jpg', 'class'],
			['e.jpg', 'none'],
		],
	);
});

test('a kill mid-page loses at most the page being written; earlier pages are whole', () => {
	const pageOne = acceptPage(start(), 3);
	const pageTwo = acceptPage(pageOne, 2);
	const before = pageOne.records.map((record) => serializeRecord(record)).join('');
	const whole = pageTwo.records.map((record) => serializeRecord(record)).join('');
	for (let cut = before.length; cut <= whole.length; cut++) {
		const parsed = parseJournal(whole.slice(0, cut));
		assert.deepEqual(parsed.problems, [], `cut at ${cut}`);
		const {state, rejected} = foldJournal(withItems(paths), parsed.records);
		assert.deepEqual(rejected, []);
		for (const path of ['a.jpg', 'b.jpg', 'c.jpg', 'f.jpg']) {
			assert.equal(decisionOf(state, path)?.label, 'photo', `${path}, cut at ${cut}`);
		}
	}
});

test('a decide record with a malformed origin is reported, not folded', () => {
	const good = start().records[0];
	assert.ok(good);
	const bad = [
		{...good, seq: 2, origin: {kind: 'grid', page: 0, guessed: 'photo', outcome: 'confirmed'}},
		{...good, seq: 3, origin: {kind: 'grid', page: 1, guessed: 'photo', outcome: 'maybe'}},
		{...good, seq: 4, origin: {kind: 'auto', probability: 1.5, threshold: 0.9}},
		{...good, seq: 5, origin: {kind: 'robot'}},
	];
	const text = bad.map((record) => `${JSON.stringify(record)}\n`).join('');
	const parsed = parseJournal(text);
	assert.equal(parsed.records.length, 0);
	assert.deepEqual(
		parsed.problems.map((problem) => problem.reason),
		Array.from({length: 4}, () => 'decide record is missing fields'),
	);
	const auto = {
		...good,
		seq: 6,
		via: 'guess',
		origin: {kind: 'auto', probability: 0.995, threshold: 0.99},
	};
	assert.equal(parseJournal(`${JSON.stringify(auto)}\n`).records.length, 1);
});

test('a resumed grid numbers its pages on from the journal, so undo keeps pages apart', () => {
	const live = acceptPage(acceptPage(start(), 2), 2);
	const resumed = foldJournal(withItems(paths), live.records).state;
	let grid = resumedGridState(entries(resumed.decisions));
	assert.equal(grid.pagesMade, 2);
	grid = gridReducer(grid, {
		type: 'open-page',
		candidates: all.filter((c) => isOpen(resumed, c.path)),
		size: 2,
	});
	assert.equal(grid.page?.number, 3);
	const accepted = gridTransition(grid, {type: 'accept-page'});
	assert.ok(accepted);
	const after = applyEffect(resumed, accepted.effect).state;
	const undo = gridTransition(accepted.state, {type: 'undo-page', session: after});
	assert.ok(undo?.effect?.kind === 'undo');
	assert.equal(undo.effect.targets.length, 1, 'page 3 held only e.jpg');
});
