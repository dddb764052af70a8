import {categoriesOf, labelCounts, type RatingTable} from './ratings.js';

export type AlphaResult = {
	/** Undefined when fewer than two pairable values exist. */
	readonly alpha: number | undefined;
	/** Observed and expected disagreement (as shares of pairable value pairs). */
	readonly observed: number | undefined;
	readonly expected: number | undefined;
	/** Pairable values: ratings of items with two or more ratings. */
	readonly pairable: number;
	/** The coincidence matrix o[c][k], categories in `categories` order. */
	readonly coincidences: readonly (readonly number[])[];
	readonly categories: readonly string[];
};

/**
Krippendorff's alpha for nominal data (Krippendorff 2011, "Computing Krippendorff's
Alpha-Reliability"): any number of raters, missing ratings allowed. Each item with m ≥ 2 ratings
adds 1/(m − 1) to o[c][k] for every ordered pair of its ratings; α = 1 − (n − 1)·Do / De with
Do = Σc≠k o[c][k] and De = Σc≠k nc·nk. No variation at all (De = 0) gives α = 1.
*/
export function krippendorffAlpha(table: RatingTable): AlphaResult {
	const categories = categoriesOf(table);
	const index = new Map(categories.map((category, position) => [category, position]));
	const size = categories.length;
	const coincidences = Array.from({length: size}, () => Array.from({length: size}, () => 0));
	for (const row of table.values()) {
		const m = row.size;
		if (m < 2) {
			continue;
		}

		const counts = [...labelCounts(row)].map(
			([label, count]) => [index.get(label) ?? 0, count] as const,
		);
		for (const [c, countC] of counts) {
			for (const [k, countK] of counts) {
				// Ordered pairs of different ratings: countC·countK, minus the pairs of a rating with itself.
				const pairs = c === k ? countC * (countC - 1) : countC * countK;
				const line = coincidences[c] as number[];
				line[k] = (line[k] ?? 0) + pairs / (m - 1);
			}
		}
	}

	const marginals = coincidences.map((line) => line.reduce((total, value) => total + value, 0));
	const n = marginals.reduce((total, value) => total + value, 0);
	if (n < 2) {
		return {
			alpha: undefined,
			observed: undefined,
			expected: undefined,
			pairable: n,
			coincidences,
			categories,
		};
	}

	let disagreeing = 0;
	let chance = 0;
	for (let c = 0; c < size; c++) {
		for (let k = 0; k < size; k++) {
			if (c !== k) {
				disagreeing += coincidences[c]?.[k] ?? 0;
				chance += (marginals[c] ?? 0) * (marginals[k] ?? 0);
			}
		}
	}

	const observed = disagreeing / n;
	const expected = chance / (n * (n - 1));
	const alpha = chance === 0 ? 1 : 1 - observed / expected;
	return {alpha, observed, expected, pairable: Math.round(n), coincidences, categories};
}
