import assert from 'node:assert/strict';
import test from 'node:test';
import {pageHeader} from '../../../source/core/grid/grid-page.js';
import {
	type GridAction,
	type GridState,
	gridReducer,
	gridTransition,
	initialGridState,
} from '../../../source/core/grid/grid-reducer.js';
import {guessed} from './grid-fixture.js';

const candidates = [
	guessed('p1.jpg', 'photo', 0.7, 'screenshot'),
	guessed('s1.png', 'screenshot', 0.91, 'photo'),
	guessed('p2.jpg', 'photo', 0.99, 'screenshot'),
	guessed('p3.jpg', 'photo', 0.85, 'screenshot'),
	guessed('p4.jpg', 'photo', 0.85, 'screenshot'),
];

function open(state: GridState = initialGridState, size = 3, list = candidates): GridState {
	return gridReducer(state, {type: 'open-page', candidates: list, size});
}

test('a page holds one guessed class, most confident first, with keys in reading order', () => {
	const state = open();
	const page = state.page;
	assert.ok(page);
	assert.equal(page.label, 'photo');
	assert.deepEqual(
		page.cells.map((cell) => [cell.key, cell.path]),
		[
			['a', 'p2.jpg'],
			['s', 'p3.jpg'],
			['d', 'p4.jpg'],
		],
	);
	assert.equal(pageHeader(page), 'page 1 · guess: photo · 3 images');
});

test('a cell key marks wrong and again unmarks; a class key after it sets a class', () => {
	let state = open();
	state = gridReducer(state, {type: 'cell', cell: 1});
	assert.deepEqual(state.page?.cells[1]?.mark, {kind: 'wrong'});
	assert.equal(state.armed, 1);
	state = gridReducer(state, {type: 'cell', cell: 1});
	assert.deepEqual(state.page?.cells[1]?.mark, {kind: 'none'});
	state = gridReducer(state, {type: 'cell', cell: 2});
	state = gridReducer(state, {type: 'set-class', label: 'screenshot'});
	assert.deepEqual(state.page?.cells[2]?.mark, {kind: 'class', label: 'screenshot'});
	assert.equal(state.armed, undefined);
	// Pressing the cell again takes the class back.
	state = gridReducer(state, {type: 'cell', cell: 2});
	assert.deepEqual(state.page?.cells[2]?.mark, {kind: 'none'});
});

test('an action that does not apply returns the very same state', () => {
	const empty = initialGridState;
	const invalid: GridAction[] = [
		{type: 'cell', cell: 0},
		{type: 'set-class', label: 'photo'},
		{type: 'accept-page'},
		{type: 'close-page'},
		{type: 'resize', size: 2},
		{type: 'open-page', candidates: [], size: 4},
	];
	for (const action of invalid) {
		assert.equal(gridReducer(empty, action), empty, action.type);
	}

	const page = open();
	for (const action of [
		{type: 'cell', cell: 7},
		{type: 'set-class', label: 'screenshot'},
		{type: 'open-page', candidates, size: 3},
		{type: 'resize', size: 5},
	] satisfies GridAction[]) {
		assert.equal(gridReducer(page, action), page, action.type);
	}
});

test('accept: unmarked cells confirm, set cells correct, marked cells leave the page', () => {
	let state = open(initialGridState, 3, [
		...candidates,
		{path: 'lone.jpg', guess: {label: 'photo', confidence: 0.8, source: 'test'}},
	]);
	assert.deepEqual(
		state.page?.cells.map((cell) => cell.path),
		['p2.jpg', 'p3.jpg', 'p4.jpg'],
	);
	state = gridReducer(state, {type: 'cell', cell: 0});
	state = gridReducer(state, {type: 'set-class', label: 'screenshot'});
	state = gridReducer(state, {type: 'cell', cell: 2});
	const accepted = gridTransition(state, {type: 'accept-page'});
	assert.ok(accepted?.effect?.kind === 'decide');
	assert.deepEqual(
		accepted.effect.decisions.map((d) => [d.path, d.label, d.via, d.origin.outcome]),
		[
			['p2.jpg', 'screenshot', 'key', 'corrected'],
			['p3.jpg', 'photo', 'guess', 'confirmed'],
		],
	);
	assert.deepEqual(accepted.effect.decisions[0]?.origin, {
		kind: 'grid',
		page: 1,
		guessed: 'photo',
		outcome: 'corrected',
	});
	assert.equal(accepted.state.page, undefined);
	// A runner-up this sure (not marked the only other class): p4 waits on the next screenshot page.
	assert.equal(accepted.state.rerouted.get('p4.jpg')?.guess.label, 'screenshot');
	assert.equal(accepted.state.rerouted.get('p4.jpg')?.guess.confidence, 1);
	const remaining = candidates.filter((c) => c.path !== 'p2.jpg' && c.path !== 'p3.jpg');
	const next = open(accepted.state, 3, remaining);
	// Photo has one item left, screenshot two (s1, and p4 rerouted): the fuller page comes first.
	assert.equal(next.page?.number, 2);
	assert.equal(next.page?.label, 'screenshot');
	assert.deepEqual(
		next.page?.cells.map((cell) => [cell.path, cell.rerouted ?? false]),
		[
			['p4.jpg', true],
			['s1.png', false],
		],
	);
	const afterScreens = gridTransition(next, {type: 'accept-page'});
	assert.ok(afterScreens?.effect?.kind === 'decide');
	assert.deepEqual(
		afterScreens.effect.decisions.map((d) => [d.path, d.label, d.origin.guessed, d.origin.outcome]),
		[
			['p4.jpg', 'screenshot', 'screenshot', 'confirmed'],
			['s1.png', 'screenshot', 'screenshot', 'confirmed'],
		],
	);
	const third = open(afterScreens.state, 3, remaining.slice(0, 1));
	assert.equal(third.page?.number, 3);
	assert.deepEqual(
		third.page?.cells.map((cell) => cell.path),
		['p1.jpg'],
	);
});

test('a page keeps its class while that class can fill a page', () => {
	const many = [
		guessed('s1.png', 'screenshot', 0.99),
		guessed('s2.png', 'screenshot', 0.98),
		guessed('s3.png', 'screenshot', 0.97),
		guessed('pa.jpg', 'photo', 0.9),
		guessed('pb.jpg', 'photo', 0.9),
	];
	const first = open(initialGridState, 2, many);
	assert.equal(first.page?.label, 'screenshot');
	const accepted = gridTransition(first, {type: 'accept-page'});
	assert.ok(accepted);
	// Two photos and one screenshot are left: the photos fill a page, so they come next.
	assert.equal(open(accepted.state, 2, many.slice(2)).page?.label, 'photo');
	// With pages of one, screenshot (the previous class) can still fill one.
	assert.equal(open(accepted.state, 1, many.slice(2)).page?.label, 'screenshot');
});

test('a marked cell without a confident second guess goes back to the single view for good', () => {
	let state = open(initialGridState, 2, [
		{path: 'a.jpg', guess: {label: 'photo', confidence: 0.9, source: 't'}},
		{path: 'b.jpg', guess: {label: 'photo', confidence: 0.8, source: 't'}},
	]);
	state = gridReducer(state, {type: 'cell', cell: 0});
	const accepted = gridTransition(state, {type: 'accept-page'});
	assert.ok(accepted);
	assert.ok(accepted.state.setAside.has('a.jpg'));
	const again = gridTransition(accepted.state, {
		type: 'open-page',
		candidates: [{path: 'a.jpg', guess: {label: 'photo', confidence: 0.9, source: 't'}}],
		size: 4,
	});
	assert.equal(again, undefined);
});

test('a smaller terminal shortens the page, keeping marks; a larger one tops it up', () => {
	let state = open(initialGridState, 3);
	state = gridReducer(state, {type: 'cell', cell: 0});
	state = gridReducer(state, {type: 'resize', size: 1});
	assert.equal(state.page?.cells.length, 1);
	assert.deepEqual(state.page?.cells[0]?.mark, {kind: 'wrong'});
	state = gridReducer(state, {type: 'open-page', candidates, size: 4});
	assert.deepEqual(
		state.page?.cells.map((cell) => [cell.key, cell.path]),
		[
			['a', 'p2.jpg'],
			['s', 'p3.jpg'],
			['d', 'p4.jpg'],
			['f', 'p1.jpg'],
		],
	);
	assert.equal(state.page?.number, 1);
});

test('cells picked by the audit are flagged and their decisions say so', () => {
	const state = gridReducer(initialGridState, {
		type: 'open-page',
		candidates,
		size: 2,
		audit: new Set(['p3.jpg']),
	});
	assert.equal(state.page?.cells[1]?.audit, true);
	const accepted = gridTransition(state, {type: 'accept-page'});
	assert.ok(accepted?.effect?.kind === 'decide');
	assert.equal(accepted.effect.decisions[1]?.origin.audit, true);
	assert.equal(accepted.effect.decisions[0]?.origin.audit, undefined);
});
