import assert from 'node:assert/strict';
import test from 'node:test';
import {dawidSkene} from '../../../source/core/agreement/dawid-skene.js';
import {majorityVote} from '../../../source/core/agreement/majority.js';
import {ratingTable} from '../../../source/core/agreement/ratings.js';

/** mulberry32: a small seeded generator, so the simulation is the same on every run. */
function seeded(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d_2b_79_f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

const classes = ['cat', 'dog', 'fox'];

/**
Two careful raters and three careless ones who, when wrong, mostly say `fox`: with five votes the
careless three often outvote the careful two, which majority vote cannot tell apart.
*/
const raters = [
	{name: 'ana', accuracy: 0.92},
	{name: 'ben', accuracy: 0.88},
	{name: 'cid', accuracy: 0.45},
	{name: 'dee', accuracy: 0.45},
	{name: 'eve', accuracy: 0.4},
];

function simulate(seed: number, itemCount: number) {
	const random = seeded(seed);
	const truth = new Map<string, string>();
	const ratings: Array<{item: string; rater: string; label: string}> = [];
	for (let index = 0; index < itemCount; index++) {
		const item = `item-${index}`;
		const actual = classes[Math.floor(random() * classes.length)] ?? 'cat';
		truth.set(item, actual);
		for (const {name, accuracy} of raters) {
			let label = actual;
			if (random() >= accuracy) {
				const wrong = classes.filter((name) => name !== actual);
				label =
					random() < 0.85 && actual !== 'fox'
						? 'fox'
						: (wrong[Math.floor(random() * wrong.length)] ?? actual);
			}

			ratings.push({item, rater: name, label});
		}
	}

	return {truth, table: ratingTable(ratings)};
}

test('Dawid–Skene recovers a planted truth better than majority vote', () => {
	const {truth, table} = simulate(20_261_204, 600);
	const result = dawidSkene(table, classes);
	assert.ok(result.converged, `did not converge in ${result.iterations} iterations`);
	let majorityRight = 0;
	let dawidSkeneRight = 0;
	for (const [item, row] of table) {
		const actual = truth.get(item);
		majorityRight += majorityVote(row.values()).label === actual ? 1 : 0;
		const posterior = result.posteriors.get(item) ?? [];
		const best = posterior.indexOf(Math.max(...posterior));
		dawidSkeneRight += result.model.classes[best] === actual ? 1 : 0;
	}

	const majority = majorityRight / table.size;
	const weighted = dawidSkeneRight / table.size;
	assert.ok(weighted > majority + 0.05, `Dawid–Skene ${weighted} vs majority ${majority}`);
	assert.ok(weighted > 0.9, `Dawid–Skene ${weighted}`);
	// Each rater's estimated accuracy (diagonal weighted by the priors) is near the planted one.
	for (const {name, accuracy} of raters) {
		const matrix = result.model.confusions.get(name) ?? [];
		const estimated = result.model.priors.reduce(
			(sum, prior, truthIndex) => sum + prior * (matrix[truthIndex]?.[truthIndex] ?? 0),
			0,
		);
		assert.ok(Math.abs(estimated - accuracy) < 0.08, `${name}: ${estimated} vs ${accuracy}`);
	}
});

test('Dawid–Skene on no items: uniform priors, no posteriors, no NaN', () => {
	const result = dawidSkene(new Map(), classes);
	assert.equal(result.posteriors.size, 0);
	assert.equal(result.iterations, 0);
	assert.deepEqual(result.model.priors, [1 / 3, 1 / 3, 1 / 3]);
});

test('Dawid–Skene with one rater follows that rater, finite everywhere', () => {
	const table = ratingTable([
		{item: 'a', rater: 'solo', label: 'cat'},
		{item: 'b', rater: 'solo', label: 'dog'},
	]);
	const result = dawidSkene(table, classes);
	for (const [item, posterior] of result.posteriors) {
		assert.ok(posterior.every(Number.isFinite));
		const best = result.model.classes[posterior.indexOf(Math.max(...posterior))];
		assert.equal(best, table.get(item)?.get('solo'));
	}
});

test('Dawid–Skene when everyone agrees: every posterior picks the shared label', () => {
	const table = ratingTable(
		['x', 'y', 'z'].flatMap((item) =>
			['a', 'b', 'c'].map((rater) => ({item, rater, label: 'dog'})),
		),
	);
	const result = dawidSkene(table, classes);
	assert.ok(result.converged);
	for (const posterior of result.posteriors.values()) {
		assert.ok(posterior.every(Number.isFinite));
		assert.ok((posterior[1] ?? 0) > 0.9, `posterior ${posterior}`);
	}
});

test('Dawid–Skene stops at maxIterations when asked to', () => {
	const {table} = simulate(7, 50);
	const result = dawidSkene(table, classes, {maxIterations: 1, tolerance: 0});
	assert.equal(result.iterations, 1);
	assert.equal(result.converged, false);
});

test('Dawid–Skene learns from known labels: adjudicated items pin their class and expose a bad rater', () => {
	// zed always says `fox`; ana and ben disagree on every item. Without known labels EM cannot
	// tell ana from ben; with ana's labels known on half the items, ana is learned as the reliable one.
	const ratings: Array<{item: string; rater: string; label: string}> = [];
	const known = new Map<string, string>();
	for (let index = 0; index < 40; index++) {
		const truth = classes[index % 2] ?? 'cat';
		const wrong = truth === 'cat' ? 'dog' : 'cat';
		const item = `i${index}`;
		ratings.push(
			{item, rater: 'ana', label: truth},
			{item, rater: 'ben', label: wrong},
			{item, rater: 'zed', label: 'fox'},
		);
		if (index < 20) {
			known.set(item, truth);
		}
	}

	const result = dawidSkene(ratingTable(ratings), classes, {known});
	for (const [item, posterior] of result.posteriors) {
		const best = result.model.classes[posterior.indexOf(Math.max(...posterior))];
		assert.equal(
			best,
			ratings.find((rating) => rating.item === item && rating.rater === 'ana')?.label,
			item,
		);
	}

	assert.equal(result.posteriors.get('i0')?.[0], 1, 'a known item keeps its class');
});
