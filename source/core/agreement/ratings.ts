/**
Ratings as the agreement measures read them: for each item, each rater's label. An item a rater
did not rate is simply absent (missing data).
*/
export type RatingTable = ReadonlyMap<string, ReadonlyMap<string, string>>;

/** Builds a table from (item, rater, label) triples; a later triple for the same pair wins. */
export function ratingTable(
	ratings: Iterable<{readonly item: string; readonly rater: string; readonly label: string}>,
): RatingTable {
	const table = new Map<string, Map<string, string>>();
	for (const {item, rater, label} of ratings) {
		let row = table.get(item);
		if (!row) {
			row = new Map();
			table.set(item, row);
		}

		row.set(rater, label);
	}

	return table;
}

/** Every rater in the table, sorted, so results come out in a stable order. */
export function ratersOf(table: RatingTable): string[] {
	const raters = new Set<string>();
	for (const row of table.values()) {
		for (const rater of row.keys()) {
			raters.add(rater);
		}
	}

	return [...raters].sort();
}

/** Every label used in the table, sorted. */
export function categoriesOf(table: RatingTable): string[] {
	const categories = new Set<string>();
	for (const row of table.values()) {
		for (const label of row.values()) {
			categories.add(label);
		}
	}

	return [...categories].sort();
}

/** How many times each label was given to one item. */
export function labelCounts(row: ReadonlyMap<string, string>): Map<string, number> {
	const counts = new Map<string, number>();
	for (const label of row.values()) {
		counts.set(label, (counts.get(label) ?? 0) + 1);
	}

	return counts;
}
