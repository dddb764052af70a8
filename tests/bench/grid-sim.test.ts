import assert from 'node:assert/strict';
import test from 'node:test';
import {
	costModel,
	labelsPerHour,
	simulatedItems,
	simulateGrid,
	simulateSingle,
} from '../../bench/grid-sim.js';
import {mulberry32} from '../../bench/synthetic-images.js';

const two = ['photo', 'screenshot'];
const four = ['cat', 'dog', 'bird', 'fish'];

test('the simulated guesses have the accuracy asked for', () => {
	const items = simulatedItems(4000, 0.9, two, mulberry32(1));
	const right = items.filter((item) => item.candidate.guess.label === item.truth).length;
	assert.ok(Math.abs(right / 4000 - 0.9) < 0.02, String(right));
});

test('single view: one key and one look per image; every decision right', () => {
	const items = simulatedItems(300, 0.8, two, mulberry32(2));
	const effort = simulateSingle(items, two);
	assert.deepEqual(
		{keys: effort.keys, glances: effort.glances, wrong: effort.wrong},
		{keys: 300, glances: 300, wrong: 0},
	);
});

test('grid with perfect guesses: one Enter per page and nothing else', () => {
	const items = simulatedItems(200, 1, two, mulberry32(3));
	const effort = simulateGrid(items, two, 20);
	assert.equal(effort.pages, 10);
	assert.equal(effort.keys, 10);
	assert.equal(effort.glances, 200);
	assert.equal(effort.wrong, 0);
});

test('grid with errors: two classes cost a key and no second look per error, four classes two keys', () => {
	const items = simulatedItems(400, 0.9, two, mulberry32(4));
	const errors = items.filter((item) => item.candidate.guess.label !== item.truth).length;
	const effort = simulateGrid(items, two, 20);
	assert.equal(effort.wrong, 0);
	assert.equal(effort.leftForSingle, 0);
	assert.equal(effort.keys, effort.pages + errors);
	// With two classes a cell marked wrong is the other class: decided on Enter, never shown again.
	assert.ok(errors > 20);
	assert.equal(effort.glances, 400);
	const guessedPhoto = items.filter((item) => item.candidate.guess.label === 'photo').length;
	assert.equal(effort.pages, Math.ceil(guessedPhoto / 20) + Math.ceil((400 - guessedPhoto) / 20));

	const many = simulatedItems(400, 0.9, four, mulberry32(5));
	const manyErrors = many.filter((item) => item.candidate.guess.label !== item.truth).length;
	const manyEffort = simulateGrid(many, four, 20);
	assert.equal(manyEffort.wrong, 0);
	assert.equal(manyEffort.keys, manyEffort.pages + 2 * manyErrors);
});

test('labels per hour follow the cost model', () => {
	const effort = {
		images: 10,
		keys: 10,
		glances: 10,
		reads: 10,
		pages: 0,
		leftForSingle: 0,
		wrong: 0,
	};
	const seconds = 10 * (costModel.glance + costModel.read + costModel.key);
	assert.ok(Math.abs(labelsPerHour(effort) - (10 * 3600) / seconds) < 1e-9);
});
