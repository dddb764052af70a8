import path from 'node:path';
import type {PredictionRow} from '../formats/predictions.js';

/**
A predictions file's path as an item path: `s3://bucket/` dropped, an absolute path made relative
to the dataset folder when inside it, `\` and `./` normalized.
*/
export function normalizePredictionPath(raw: string, dir: string): string {
	let value = raw.trim();
	const s3 = /^s3:\/\/[^/]+\/(.*)$/.exec(value);
	if (s3) {
		value = s3[1] ?? '';
	} else if (path.isAbsolute(value)) {
		const relative = path.relative(dir, value);
		value = relative.startsWith('..') ? value : relative;
	}

	return value.replaceAll('\\', '/').replace(/^(\.\/)+/, '');
}

/**
The predictions matched to item paths: exactly, or, for paths from elsewhere (an S3 prefix, another
machine), by the longest path that ends with the item's relative path.
*/
export class PredictionIndex {
	readonly #exact = new Map<string, PredictionRow>();
	readonly #byName = new Map<string, Array<{key: string; row: PredictionRow}>>();
	/** Label → rows with that label, for labels that are not classes. */
	readonly unknownLabels = new Map<string, number>();
	/** Rows whose relative path climbs out of the folder (`../x.jpg`): never matched to an item. */
	readonly outside: PredictionRow[] = [];
	readonly size: number;

	constructor(rows: readonly PredictionRow[], dir: string, classes: readonly string[]) {
		let kept = 0;
		for (const row of rows) {
			if (classes.length > 0 && !classes.includes(row.label)) {
				this.unknownLabels.set(row.label, (this.unknownLabels.get(row.label) ?? 0) + 1);
				continue;
			}

			const key = normalizePredictionPath(row.path, dir);
			// By its name alone `../x.jpg` would match the item `x.jpg`, which it does not mean.
			if (!path.isAbsolute(key) && key.split('/').includes('..')) {
				this.outside.push(row);
				continue;
			}

			kept++;
			this.#exact.set(key, row);
			const name = key.slice(key.lastIndexOf('/') + 1);
			const list = this.#byName.get(name) ?? [];
			list.push({key, row});
			this.#byName.set(name, list);
		}

		this.size = kept;
	}

	lookup(itemPath: string): PredictionRow | undefined {
		const exact = this.#exact.get(itemPath);
		if (exact) {
			return exact;
		}

		const name = itemPath.slice(itemPath.lastIndexOf('/') + 1);
		const candidates = (this.#byName.get(name) ?? []).filter(({key}) =>
			key.endsWith(`/${itemPath}`),
		);
		candidates.sort(
			(left, right) => left.key.length - right.key.length || (left.key < right.key ? -1 : 1),
		);
		return candidates[0]?.row;
	}

	/** Rows that match none of these items (after the scan, to report them). */
	unmatched(itemPaths: Iterable<string>): PredictionRow[] {
		const used = new Set<PredictionRow>();
		for (const itemPath of itemPaths) {
			const row = this.lookup(itemPath);
			if (row) {
				used.add(row);
			}
		}

		return [...this.#exact.values()].filter((row) => !used.has(row));
	}
}
