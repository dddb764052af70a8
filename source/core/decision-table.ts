/**
A resumed snapshot's decisions kept as its columns, under the state's decision map: a 100k-decision
resume makes no object per decision. A decision is made when it is read, and not kept.
*/
import {checkColumns, checkRows} from './decision-checks.js';
import {type Decodes, decodeRow, type ReadColumns, type StoredColumns} from './decision-columns.js';
import {compactNumbers} from './packed-columns.js';
import type {MapBase} from './persistent-map.js';
import type {Catalog, Decision} from './session-state.js';

type Skip = (path: string) => boolean;

class DecisionTable implements MapBase<Decision> {
	readonly size: number;
	readonly #columns: StoredColumns;
	readonly #decodes: Decodes;
	readonly #catalog: Catalog;
	readonly #rowPaths: readonly string[];
	/** The row of each catalog index (as the catalog was when read), or -1. */
	readonly #rowAt: Int32Array;
	/** The rows of paths outside that catalog. */
	readonly #otherRows: ReadonlyMap<string, number>;
	#agreement: GuessAgreement | undefined;

	constructor(columns: ReadColumns, decodes: Decodes, catalog: Catalog) {
		checkColumns(columns);
		checkRows(columns, decodes);
		const {rowAt, otherRows, rowPaths} = indexRows(columns.paths, decodes.pathOf, catalog);
		this.size = rowPaths.length;
		this.#columns = storedColumns(columns);
		this.#decodes = decodes;
		this.#catalog = catalog;
		this.#rowPaths = rowPaths;
		this.#rowAt = rowAt;
		this.#otherRows = otherRows;
	}

	get(path: string): Decision | undefined {
		const row = this.#rowOf(path);
		return row === -1 ? undefined : decodeRow(this.#columns, this.#decodes, row);
	}

	has(path: string): boolean {
		return this.#rowOf(path) !== -1;
	}

	forEach(each: (decision: Decision, path: string) => void, skip: Skip): void {
		const paths = this.#rowPaths;
		for (let row = 0; row < paths.length; row++) {
			const path = paths[row] as string;
			if (!skip(path)) each(decodeRow(this.#columns, this.#decodes, row), path);
		}
	}

	keyOf(path: string): string | undefined {
		const row = this.#rowOf(path);
		return row === -1 ? undefined : this.#rowPaths[row];
	}

	forEachKey(each: (path: string) => void, skip: Skip): void {
		for (const path of this.#rowPaths) {
			if (!skip(path)) each(path);
		}
	}

	*entries(skip: Skip): Generator<[string, Decision]> {
		const paths = this.#rowPaths;
		for (let row = 0; row < paths.length; row++) {
			const path = paths[row] as string;
			if (!skip(path)) yield [path, decodeRow(this.#columns, this.#decodes, row)];
		}
	}

	/** See tableAgreement; counted once, from the columns. */
	agreement(): GuessAgreement {
		this.#agreement ??= agreementOfColumns(this.#columns, this.#decodes, this.size);
		return this.#agreement;
	}

	#rowOf(path: string): number {
		const at = this.#catalog.positions.get(path);
		const row = at === undefined ? -1 : (this.#rowAt[at] ?? -1);
		return row === -1 ? (this.#otherRows.get(path) ?? -1) : row;
	}
}

const onlyEmpty = (column: ArrayLike<unknown>) => {
	for (let row = 0; row < column.length; row++) {
		if (column[row] !== 0 && column[row] !== null) return false;
	}

	return true;
};

/**
The columns a table keeps: small whole numbers (labels, via, codes, seq, sizes) in typed arrays,
columns of nothing but 0 or null left out, and the paths (indexed once) not kept: 11.6 → ~6 MiB for
the 100k set's 89k decisions.
*/
function storedColumns(columns: ReadColumns): StoredColumns {
	const stored: Record<string, unknown> = {...columns, paths: undefined};
	for (const name of [
		'labels',
		'via',
		'guess',
		'guessLabel',
		'guessSource',
		'seq',
		'size',
		'ms',
	] as const) {
		const column: ArrayLike<unknown> | undefined = columns[name];
		if (column !== undefined) stored[name] = compactNumbers(column);
	}

	for (const name of ['imported', 'copyOf', 'origin', 'ctimeMs', 'ino'] as const) {
		const column = columns[name];
		if (column !== undefined && onlyEmpty(column)) stored[name] = undefined;
	}

	return stored as StoredColumns;
}

type RowIndex = {
	readonly rowAt: Int32Array;
	readonly otherRows: Map<string, number>;
	readonly rowPaths: string[];
};

/** Where each row's path is; throws when a path is decided twice. */
function indexRows(
	codes: ReadColumns['paths'],
	pathOf: Decodes['pathOf'],
	catalog: Catalog,
): RowIndex {
	const {length, paths, positions} = catalog;
	const rowAt = new Int32Array(length).fill(-1);
	const otherRows = new Map<string, number>();
	const rowPaths = new Array<string>(codes.length);
	for (let row = 0; row < codes.length; row++) {
		const code = codes[row];
		// Codec 4 writes a catalog path as its index: the common case, with no lookup.
		const fast = typeof code === 'number' && code >= 0 && code < length;
		const path = fast ? (paths[code] as string) : pathOf(code);
		// A snapshot's own catalog is empty (the scan fills it): then no lookup either.
		const at = fast ? code : length === 0 ? undefined : positions.get(path);
		const inCatalog = at !== undefined && at < length;
		const before = otherRows.size;
		if (inCatalog ? rowAt[at] !== -1 : otherRows.set(path, row).size === before) {
			throw new TypeError(`the snapshot decides one path twice: ${JSON.stringify(path)}`);
		}

		if (inCatalog) rowAt[at] = row;
		rowPaths[row] = path;
	}

	return {rowAt, otherRows, rowPaths};
}

export type GuessAgreement = {readonly compared: number; readonly agreed: number};

/** As model/agreement's agreementOf over the decisions these columns make, without making one. */
function agreementOfColumns(
	columns: StoredColumns,
	decodes: Decodes,
	rows: number,
): GuessAgreement {
	let compared = 0;
	let agreed = 0;
	for (let row = 0; row < rows; row++) {
		const guess = columns.guess?.[row];
		const origin = columns.origin?.[row];
		if (guess === 0 || guess === undefined || (origin !== 0 && origin?.kind === 'auto')) continue;
		compared++;
		const guessed = guess === 1 ? decodes.labelOf(columns.guessLabel?.[row]) : guess.label;
		agreed += guessed === decodes.labelOf(columns.labels?.[row]) ? 1 : 0;
	}

	return {compared, agreed};
}

/**
Of the decisions in a snapshot's table, how many were made with a guess shown (auto-accepts aside)
and how many took it; undefined when `base` is not one. A resumed 100k session counted them by
making every decision (~100 ms before the first image); the columns answer in a few ms.
*/
export function tableAgreement(base: MapBase<Decision> | undefined): GuessAgreement | undefined {
	return base instanceof DecisionTable ? base.agreement() : undefined;
}

/** The decisions of `columns` as a map base; throws a TypeError naming what is malformed. */
export function decisionTable(
	columns: ReadColumns,
	decodes: Decodes,
	catalog: Catalog,
): MapBase<Decision> {
	return new DecisionTable(columns, decodes, catalog);
}
