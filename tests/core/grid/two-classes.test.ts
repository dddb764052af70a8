import assert from 'node:assert/strict';
import test from 'node:test';
import type {Candidate} from '../../../source/core/grid/grid-page.js';
import {
	gridReducer,
	gridTransition,
	initialGridState,
} from '../../../source/core/grid/grid-reducer.js';

/** Two classes: the runner-up is the only other class. */
const only = (path: string, label: string, confidence: number): Candidate => ({
	path,
	guess: {label, confidence, source: 'test'},
	second: {
		label: label === 'photo' ? 'screenshot' : 'photo',
		probability: 1 - confidence,
		only: true,
	},
});

test('two classes: a cell marked wrong is the other class on Enter, not shown again', () => {
	const candidates = [
		only('p1.jpg', 'photo', 0.9),
		only('p2.jpg', 'photo', 0.8),
		only('s1.png', 'screenshot', 0.7),
	];
	let grid = gridReducer(initialGridState, {type: 'open-page', candidates, size: 2});
	assert.equal(grid.page?.label, 'photo');
	grid = gridReducer(grid, {type: 'cell', cell: 1});
	const accepted = gridTransition(grid, {type: 'accept-page'});
	assert.ok(accepted?.effect?.kind === 'decide');
	assert.deepEqual(
		accepted.effect.decisions.map((d) => [d.path, d.label, d.via, d.origin.outcome]),
		[
			['p1.jpg', 'photo', 'guess', 'confirmed'],
			['p2.jpg', 'screenshot', 'key', 'corrected'],
		],
	);
	assert.equal(accepted.state.rerouted.size, 0, 'nothing waits for a second look');
	assert.equal(accepted.state.setAside.size, 0, 'nothing goes back to the single view');
	const next = gridReducer(accepted.state, {
		type: 'open-page',
		candidates: candidates.slice(2),
		size: 2,
	});
	assert.deepEqual(
		next.page?.cells.map((cell) => cell.path),
		['s1.png'],
	);
});
