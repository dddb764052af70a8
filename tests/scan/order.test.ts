import assert from 'node:assert/strict';
import test from 'node:test';
import {shuffleOrder} from '../../source/scan/order.js';

const paths = Array.from({length: 1000}, (_, index) => `folder-${index % 7}/img_${index}.jpg`);

test('the shuffle is a permutation of its input', () => {
	const shuffled = shuffleOrder(paths, 42);
	assert.equal(shuffled.length, paths.length);
	assert.deepEqual([...shuffled].sort(), [...paths].sort());
	assert.notDeepEqual(shuffled, paths);
});

test('the same seed and set give the same order, whatever the input order', () => {
	const shuffled = shuffleOrder(paths, 42);
	assert.deepEqual(shuffleOrder(paths, 42), shuffled);
	assert.deepEqual(shuffleOrder([...paths].reverse(), 42), shuffled);
});

test('another seed gives another order', () => {
	assert.notDeepEqual(shuffleOrder(paths, 1), shuffleOrder(paths, 2));
});

test('the shuffle is not biased to the input order', () => {
	// Of the first 500 inputs, about 250 should land in the first 500 places; an order kept from the
	// input would give 500, a reversed one 0. The seed is fixed, so this cannot flake.
	const firstHalf = new Set(paths.slice(0, 500));
	const landed = shuffleOrder(paths, 7)
		.slice(0, 500)
		.filter((path) => firstHalf.has(path)).length;
	assert.ok(landed > 200 && landed < 300, `${landed} of 500`);
});

test('empty and single lists come back as they are', () => {
	assert.deepEqual(shuffleOrder([], 1), []);
	assert.deepEqual(shuffleOrder(['only.jpg'], 1), ['only.jpg']);
});
