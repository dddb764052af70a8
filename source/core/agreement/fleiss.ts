import {categoriesOf, labelCounts, type RatingTable} from './ratings.js';

export type FleissResult = {
	/** Undefined when no item has two ratings. */
	readonly kappa: number | undefined;
	/** P̄: mean agreement within an item. */
	readonly meanAgreement: number | undefined;
	/** P̄e: agreement expected by chance from the category shares. */
	readonly chanceAgreement: number | undefined;
	/** pj: each category's share of all ratings, in column order. */
	readonly categoryShares: readonly number[];
	readonly items: number;
};

/**
Fleiss' kappa (1971) from a subjects × categories count matrix. Fleiss assumes the same number of
raters per subject; items with fewer raters are allowed here (each item's agreement uses its own
n), which gives Fleiss' value exactly when all n are equal. Items with under 2 ratings carry no
agreement and are left out. Total chance agreement (one category only) gives κ = 1, not 0/0.
*/
export function fleissKappa(counts: ReadonlyArray<readonly number[]>): FleissResult {
	const rows = counts.filter((row) => sum(row) >= 2);
	const width = Math.max(0, ...counts.map((row) => row.length));
	const totals = Array.from({length: width}, () => 0);
	let ratings = 0;
	let agreementSum = 0;
	for (const row of rows) {
		const n = sum(row);
		let squares = 0;
		for (const [column, count] of row.entries()) {
			squares += count * count;
			totals[column] = (totals[column] ?? 0) + count;
		}

		ratings += n;
		agreementSum += (squares - n) / (n * (n - 1));
	}

	if (rows.length === 0) {
		const categoryShares = totals.map(() => 0);
		return {
			kappa: undefined,
			meanAgreement: undefined,
			chanceAgreement: undefined,
			categoryShares,
			items: 0,
		};
	}

	const categoryShares = totals.map((total) => total / ratings);
	const meanAgreement = agreementSum / rows.length;
	const chanceAgreement = categoryShares.reduce((total, share) => total + share * share, 0);
	const kappa =
		chanceAgreement >= 1 ? 1 : (meanAgreement - chanceAgreement) / (1 - chanceAgreement);
	return {kappa, meanAgreement, chanceAgreement, categoryShares, items: rows.length};
}

/** Fleiss' kappa over a rating table (categories in sorted order). */
export function fleissOfTable(table: RatingTable): FleissResult {
	const categories = categoriesOf(table);
	const counts = [...table.values()].map((row) => {
		const perLabel = labelCounts(row);
		return categories.map((category) => perLabel.get(category) ?? 0);
	});
	return fleissKappa(counts);
}

function sum(values: readonly number[]): number {
	return values.reduce((total, value) => total + value, 0);
}
