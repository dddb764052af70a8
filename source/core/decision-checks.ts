/** The checks a snapshot's decision columns pass when read in, before any row is decoded. */
import {type Decodes, type ReadColumns, viaCodes} from './decision-columns.js';
import {isColumn, isPacked} from './packed-columns.js';

/** Throws when `columns` is not a set of columns of one length. */
export function checkColumns(columns: ReadColumns): void {
	if (typeof columns !== 'object' || columns === null || !isColumn(columns.paths)) {
		throw new TypeError('the decisions in the snapshot are not columns');
	}

	const {length} = columns.paths;
	for (const name of required) {
		if (!isColumn(columns[name]) || columns[name].length !== length) {
			throw new TypeError(`the snapshot's decision column ${name} is missing or of another length`);
		}
	}

	for (const name of optional) {
		const column: unknown = columns[name];
		if (column !== undefined && (!isColumn(column) || column.length !== length)) {
			throw new TypeError(`the snapshot's decision column ${name} is of another length`);
		}
	}
}

const required = [
	'labels',
	'seq',
	'time',
	'size',
	'mtimeMs',
	'ms',
	'via',
	'guess',
	'copyOf',
] as const;
const optional = ['imported', 'origin', 'ctimeMs', 'ino'] as const;
/** The range of a Date: a time outside it would throw when the decision is read. */
const maxTimeMs = 8.64e15;
const isTime = (time: unknown) =>
	typeof time === 'string' || (typeof time === 'number' && Math.abs(time) <= maxTimeMs);

const isNumberOrNull = (value: unknown) =>
	value === undefined || value === null || typeof value === 'number';

/** Throws naming row `row` when a value of `column` fails `valid`. One column at a time: tight loops. */
function checkEach(
	column: ArrayLike<unknown> | undefined,
	valid: (value: unknown) => boolean,
	name: string,
): void {
	if (column === undefined) return;
	for (let row = 0; row < column.length; row++) {
		if (!valid(column[row])) {
			throw new TypeError(`a decision in the snapshot is malformed (row ${row}, ${name})`);
		}
	}
}

const isNumber = (value: unknown) => typeof value === 'number';

/**
Throws a TypeError when a row would not decode into a Decision: the checks of checkDecision on the
columns themselves, so checking 100k rows makes no object.
*/
export function checkRows(columns: ReadColumns, decodes: Decodes): void {
	checkEach(columns.labels, (code) => typeof decodes.labelOf(code) === 'string', 'label');
	for (const name of ['seq', 'size', 'mtimeMs', 'ms'] as const) {
		// A typed column (a snapshot block) holds nothing but numbers.
		if (!isPacked(columns[name])) checkEach(columns[name], isNumber, name);
	}

	checkEach(columns.time, isTime, 'time');
	checkEach(columns.via, (code) => viaCodes[code as number] !== undefined, 'via');
	checkEach(columns.ctimeMs, isNumberOrNull, 'ctimeMs');
	checkEach(columns.ino, isNumberOrNull, 'ino');
	const {guess, guessLabel, guessConfidence, guessSource, guessSources} = columns;
	for (let row = 0; row < guess.length; row++) {
		// guessAt's test, with no guess made for each of 100k rows.
		if (
			guess[row] === 1 &&
			(typeof decodes.labelOf(guessLabel?.[row]) !== 'string' ||
				typeof guessConfidence?.[row] !== 'number' ||
				typeof guessSources?.[guessSource?.[row] ?? -1] !== 'string')
		) {
			throw new TypeError(`a guess in the snapshot is malformed (decision ${row})`);
		}
	}
}
