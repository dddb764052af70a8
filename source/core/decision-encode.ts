/**
A state's decisions as the snapshot's columns (see decision-columns), made two ways from one list
of column coders: whole (`encodeDecisions`) or as JSON text a run of values at a time while it is
written (`decisionColumnsJson`), so a 100k-decision state never holds 18 arrays of 100k beside it.
Both give the same JSON.
*/
import {type DecisionColumns, viaCodes} from './decision-columns.js';
import {arrayJsonRuns} from './json-runs.js';
import {entries, type PersistentMap} from './persistent-map.js';
import type {Decision} from './session-state.js';

/**
How paths and labels are written and read as numbers: JSON.parse gives every string its own copy,
so 100k decisions held 100k more copies of paths the catalog already has.
*/
export type Codes = {
	readonly pathCode: (path: string) => number | string;
	readonly labelCode: (label: string) => number | string;
};

function timeCode(time: string): number | string {
	const ms = Date.parse(time);
	return Number.isFinite(ms) && new Date(ms).toISOString() === time ? ms : time;
}

type Row = (path: string, decision: Decision) => unknown;

/**
One column: its value for each decision (`row`), or a list filled while an earlier column was
made (`list`: guessSources, by guessSource). Coders keep state across rows (the last time coded,
the sources seen), so each coder is used for one pass over the decisions, in map order.
*/
type Coder = {readonly name: keyof DecisionColumns} & (
	| {readonly row: Row; readonly list?: undefined}
	| {readonly list: () => readonly unknown[]; readonly row?: undefined}
);

/** A three-field guess goes in the guess columns; any other shape is kept whole in `guess`. */
const plainGuess = (decision: Decision) =>
	decision.guess !== undefined && Object.keys(decision.guess).length === 3
		? decision.guess
		: undefined;

/** The columns in the order they are written; fresh state per call. */
function columnCoders(codes: Codes): Coder[] {
	// Decisions made together share a time string (an import's all do): code it once per run.
	let lastTime: string | undefined;
	let lastCode: number | string = 0;
	const sources = new Map<string, number>();
	const sourceList: string[] = [];
	return [
		{name: 'paths', row: (path) => codes.pathCode(path)},
		{name: 'labels', row: (_, decision) => codes.labelCode(decision.label)},
		{name: 'seq', row: (_, decision) => decision.seq},
		{
			name: 'time',
			row(_, decision) {
				if (decision.time !== lastTime) {
					lastTime = decision.time;
					lastCode = timeCode(decision.time);
				}

				return lastCode;
			},
		},
		{name: 'size', row: (_, decision) => decision.size},
		{name: 'mtimeMs', row: (_, decision) => decision.mtimeMs},
		{name: 'ms', row: (_, decision) => decision.ms},
		{name: 'via', row: (_, decision) => viaCodes.indexOf(decision.via)},
		{name: 'imported', row: (_, decision) => decision.imported ?? 0},
		{
			name: 'guess',
			row: (_, decision) =>
				decision.guess === undefined ? 0 : plainGuess(decision) ? 1 : decision.guess,
		},
		{name: 'guessLabel', row: (_, decision) => labelOfGuess(decision, codes)},
		{name: 'guessConfidence', row: (_, decision) => plainGuess(decision)?.confidence ?? 0},
		{
			name: 'guessSource',
			row(_, decision) {
				const guess = plainGuess(decision);
				if (guess === undefined) return 0;
				let source = sources.get(guess.source);
				if (source === undefined) {
					source = sourceList.push(guess.source) - 1;
					sources.set(guess.source, source);
				}

				return source;
			},
		},
		// After guessSource, whose pass fills it.
		{name: 'guessSources', list: () => sourceList},
		{name: 'copyOf', row: (_, decision) => decision.copyOf ?? 0},
		{name: 'origin', row: (_, decision) => decision.origin ?? 0},
		{name: 'ctimeMs', row: (_, decision) => decision.ctimeMs ?? null},
		{name: 'ino', row: (_, decision) => decision.ino ?? null},
	];
}

function labelOfGuess(decision: Decision, codes: Codes): number | string {
	const guess = plainGuess(decision);
	return guess === undefined ? 0 : codes.labelCode(guess.label);
}

export function encodeDecisions(map: PersistentMap<Decision>, codes: Codes): DecisionColumns {
	const coders = columnCoders(codes);
	const columns = coders.map((): unknown[] => []);
	for (const [path, decision] of entries(map)) {
		for (const [index, coder] of coders.entries()) {
			if (coder.row) columns[index]?.push(coder.row(path, decision));
		}
	}

	const encoded: Record<string, readonly unknown[]> = {};
	for (const [index, coder] of coders.entries()) {
		encoded[coder.name] = coder.list ? [...coder.list()] : (columns[index] ?? []);
	}

	return encoded as unknown as DecisionColumns;
}

function* rowsOf(map: PersistentMap<Decision>, row: Row): Generator<unknown> {
	for (const [path, decision] of entries(map)) {
		yield row(path, decision);
	}
}

/**
Exactly `JSON.stringify(encodeDecisions(map, codes))` for the same codes, made a column at a time
(one pass over the map per column) and each column a run of values at a time: no column is ever
held whole. Paths are coded in the same order, as `paths` is the first column.
*/
export function* decisionColumnsJson(
	map: PersistentMap<Decision>,
	codes: Codes,
): Generator<string> {
	yield '{';
	for (const [index, coder] of columnCoders(codes).entries()) {
		yield `${index === 0 ? '' : ','}${JSON.stringify(coder.name)}:`;
		yield* arrayJsonRuns(coder.row ? rowsOf(map, coder.row) : coder.list());
	}

	yield '}';
}
