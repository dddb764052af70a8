import {type RatingTable, ratersOf} from './ratings.js';

export type KappaResult = {
	/** Undefined when there is nothing to compare (no items both rated). */
	readonly kappa: number | undefined;
	/** Observed agreement: share of items given the same label. */
	readonly observed: number | undefined;
	/** Agreement expected by chance from each rater's own label shares. */
	readonly expected: number | undefined;
	readonly items: number;
};

/**
Cohen's kappa (1960) for two raters over the same items: κ = (po − pe) / (1 − pe), with pe from
each rater's marginal label shares. When chance agreement is total (both used one label, the
same one), agreement is also total and κ is defined as 1 instead of 0/0.
*/
export function cohenKappa(pairs: ReadonlyArray<readonly [string, string]>): KappaResult {
	const items = pairs.length;
	if (items === 0) {
		return {kappa: undefined, observed: undefined, expected: undefined, items};
	}

	const first = new Map<string, number>();
	const second = new Map<string, number>();
	let agreed = 0;
	for (const [a, b] of pairs) {
		first.set(a, (first.get(a) ?? 0) + 1);
		second.set(b, (second.get(b) ?? 0) + 1);
		agreed += a === b ? 1 : 0;
	}

	const observed = agreed / items;
	let expected = 0;
	for (const [label, count] of first) {
		expected += (count / items) * ((second.get(label) ?? 0) / items);
	}

	const kappa = expected >= 1 ? 1 : (observed - expected) / (1 - expected);
	return {kappa, observed, expected, items};
}

export type PairKappa = KappaResult & {readonly raters: readonly [string, string]};

/** Cohen's kappa for every pair of raters, over the items both rated. */
export function pairwiseCohen(table: RatingTable): PairKappa[] {
	const raters = ratersOf(table);
	const results: PairKappa[] = [];
	for (const [index, a] of raters.entries()) {
		for (const b of raters.slice(index + 1)) {
			const pairs: Array<readonly [string, string]> = [];
			for (const row of table.values()) {
				const left = row.get(a);
				const right = row.get(b);
				if (left !== undefined && right !== undefined) {
					pairs.push([left, right]);
				}
			}

			results.push({raters: [a, b], ...cohenKappa(pairs)});
		}
	}

	return results;
}
