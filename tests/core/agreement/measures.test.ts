import assert from 'node:assert/strict';
import test from 'node:test';
import {cohenKappa, pairwiseCohen} from '../../../source/core/agreement/cohen.js';
import {fleissKappa, fleissOfTable} from '../../../source/core/agreement/fleiss.js';
import {krippendorffAlpha} from '../../../source/core/agreement/krippendorff.js';
import {ratingTable} from '../../../source/core/agreement/ratings.js';
import {wilsonInterval} from '../../../source/core/stats/wilson.js';

const near = (actual: number | undefined, expected: number, tolerance = 1e-6) => {
	assert.ok(actual !== undefined, `expected ${expected}, got undefined`);
	assert.ok(Math.abs(actual - expected) <= tolerance, `expected ${expected}, got ${actual}`);
};

function repeat(pair: readonly [string, string], times: number) {
	return Array.from({length: times}, () => pair);
}

// Wikipedia "Cohen's kappa", first example: 50 proposals, two readers.
const wikipediaPairs = [
	...repeat(['yes', 'yes'], 20),
	...repeat(['yes', 'no'], 5),
	...repeat(['no', 'yes'], 10),
	...repeat(['no', 'no'], 15),
];

test('Cohen: the 50-item example (20/5/10/15) gives po 0.7, pe 0.5, kappa 0.4', () => {
	const result = cohenKappa(wikipediaPairs);
	near(result.observed, 0.7);
	near(result.expected, 0.5);
	near(result.kappa, 0.4);
	assert.equal(result.items, 50);
});

test('Cohen: a hand-computed 3-class case gives 6/11', () => {
	// po = 7/10; both raters' shares are a .3, b .3, c .4, so pe = .09 + .09 + .16 = .34.
	const first = ['a', 'a', 'a', 'b', 'b', 'b', 'c', 'c', 'c', 'c'];
	const second = ['a', 'a', 'b', 'b', 'b', 'c', 'c', 'c', 'c', 'a'];
	const result = cohenKappa(first.map((label, index) => [label, second[index] ?? ''] as const));
	near(result.expected, 0.34);
	near(result.kappa, 6 / 11);
});

test('Cohen: no items is undefined, total agreement on one label is 1, not NaN', () => {
	assert.equal(cohenKappa([]).kappa, undefined);
	assert.equal(cohenKappa(repeat(['photo', 'photo'], 4)).kappa, 1);
	near(cohenKappa([...repeat(['a', 'b'], 3), ...repeat(['b', 'a'], 3)]).kappa, -1);
});

test('Cohen per pair uses only the items both people rated', () => {
	const table = ratingTable([
		...wikipediaPairs.flatMap(([a, b], index) => [
			{item: `i${index}`, rater: 'ann', label: a},
			{item: `i${index}`, rater: 'bob', label: b},
		]),
		{item: 'only-cy', rater: 'cy', label: 'yes'},
		{item: 'i0', rater: 'cy', label: 'no'},
	]);
	const pairs = pairwiseCohen(table);
	assert.deepEqual(
		pairs.map((pair) => [pair.raters, pair.items]),
		[
			[['ann', 'bob'], 50],
			[['ann', 'cy'], 1],
			[['bob', 'cy'], 1],
		],
	);
	near(pairs[0]?.kappa, 0.4);
});

// Fleiss (1971) as reproduced in /work/shared/design-notes.md: 10 subjects, 14 raters, 5 categories.
const fleissCounts = [
	[0, 0, 0, 0, 14],
	[0, 2, 6, 4, 2],
	[0, 0, 3, 5, 6],
	[0, 3, 9, 2, 0],
	[2, 2, 8, 1, 1],
	[7, 7, 0, 0, 0],
	[3, 2, 6, 3, 0],
	[2, 5, 3, 2, 2],
	[6, 5, 2, 1, 0],
	[0, 2, 2, 3, 7],
];

test('Fleiss (1971): P̄ = 172/455, P̄e = 417/1960, kappa = 4211/20059 ≈ 0.2099', () => {
	const result = fleissKappa(fleissCounts);
	near(result.meanAgreement, 172 / 455);
	near(result.chanceAgreement, 417 / 1960);
	near(result.kappa, 4211 / 20_059);
	assert.equal(Number(result.kappa?.toFixed(3)), 0.21);
	const shares = [0.143, 0.2, 0.279, 0.15, 0.229];
	for (const [index, share] of shares.entries()) {
		near(result.categoryShares[index], share, 5e-4);
	}
});

test('Fleiss from a rating table matches the count matrix', () => {
	const names = ['c1', 'c2', 'c3', 'c4', 'c5'];
	const ratings = fleissCounts.flatMap((row, subject) => {
		const labels = row.flatMap((count, column) =>
			Array.from({length: count}, () => names[column] ?? ''),
		);
		return labels.map((label, rater) => ({item: `s${subject}`, rater: `r${rater}`, label}));
	});
	near(fleissOfTable(ratingTable(ratings)).kappa, 4211 / 20_059);
});

test('Fleiss degenerate cases: no items, single ratings, one category', () => {
	assert.equal(fleissKappa([]).kappa, undefined);
	assert.equal(
		fleissKappa([
			[1, 0],
			[0, 1],
		]).kappa,
		undefined,
	);
	assert.equal(fleissKappa([[3], [3]]).kappa, 1);
});

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers,
// 12 units, nominal values 1–5, missing ratings (unit 12 has one value, so it is not pairable).
const observers: Record<string, Array<number | undefined>> = {
	A: [1, 2, 3, 3, 2, 1, 4, 1, 2, undefined, undefined, undefined],
	B: [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, undefined, 3],
	C: [undefined, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, undefined],
	D: [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, undefined],
};

test('Krippendorff nominal alpha on his 2011 example: n = 40, alpha = 113/152 ≈ 0.743', () => {
	const ratings = Object.entries(observers).flatMap(([rater, values]) =>
		values.flatMap((value, unit) =>
			value === undefined ? [] : [{item: `u${unit + 1}`, rater, label: String(value)}],
		),
	);
	const result = krippendorffAlpha(ratingTable(ratings));
	assert.equal(result.pairable, 40);
	// The paper's coincidence matrix, row 1: 7, 4/3, 1/3, 1/3, 0; marginals 9, 13, 10, 5, 3.
	const row = result.coincidences[0] ?? [];
	for (const [index, value] of [7, 4 / 3, 1 / 3, 1 / 3, 0].entries()) {
		near(row[index], value);
	}

	const marginals = result.coincidences.map((line) => line.reduce((sum, value) => sum + value, 0));
	for (const [index, value] of [9, 13, 10, 5, 3].entries()) {
		near(marginals[index], value);
	}

	near(result.alpha, 113 / 152);
	assert.equal(Number(result.alpha?.toFixed(3)), 0.743);
});

test('Krippendorff with two raters and no gaps is near, not equal to, Scott pi', () => {
	const table = ratingTable(
		wikipediaPairs.flatMap(([a, b], index) => [
			{item: `i${index}`, rater: 'ann', label: a},
			{item: `i${index}`, rater: 'bob', label: b},
		]),
	);
	// Scott's pi here is 13/33; alpha = 1 − (1 − pi)·(2N − 1)/(2N) = 0.4 for N = 50.
	const alpha = krippendorffAlpha(table).alpha;
	near(alpha, 0.4);
	assert.notEqual(alpha, 13 / 33);
});

test('Krippendorff degenerate cases: no items, nothing pairable, no variation', () => {
	assert.equal(krippendorffAlpha(new Map()).alpha, undefined);
	const lone = ratingTable([{item: 'x', rater: 'a', label: 'photo'}]);
	assert.equal(krippendorffAlpha(lone).alpha, undefined);
	const same = ratingTable([
		{item: 'x', rater: 'a', label: 'photo'},
		{item: 'x', rater: 'b', label: 'photo'},
	]);
	assert.equal(krippendorffAlpha(same).alpha, 1);
});

test('Wilson 95% interval: published values and edges', () => {
	// Newcombe (1998), Table I: 81/263 gives 0.2553 to 0.3662.
	const interval = wilsonInterval(81, 263);
	near(interval.low, 0.2553, 5e-5);
	near(interval.high, 0.3662, 5e-5);
	// 0 of 10: low is 0 and high is z²/(n + z²).
	const z2 = 1.959_963_984_540_054 ** 2;
	near(wilsonInterval(0, 10).low, 0);
	near(wilsonInterval(0, 10).high, z2 / (10 + z2));
	assert.deepEqual(wilsonInterval(0, 0), {low: 0, high: 1});
});

test('one rater: no pair for Cohen, nothing pairable for Fleiss and Krippendorff', () => {
	const solo = ratingTable([
		{item: 'a', rater: 'ann', label: 'cat'},
		{item: 'b', rater: 'ann', label: 'dog'},
	]);
	assert.deepEqual(pairwiseCohen(solo), []);
	assert.equal(fleissOfTable(solo).kappa, undefined);
	assert.equal(fleissOfTable(solo).items, 0);
	assert.equal(krippendorffAlpha(solo).alpha, undefined);
});
