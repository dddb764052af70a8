/**
A state's decisions as the snapshot's columns (see decision-columns), from one list of column
coders: all at once (`encodeDecisions`), or one column at a time (`decisionColumnsEach`), so a
snapshot writer packs each into a block before the next is made.
*/
import {type DecisionColumns, viaCodes} from './decision-columns.js';
import {forEachEntry, type PersistentMap} from './persistent-map.js';
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

/**
The map's entries once, in its order, as two lists: each column is then a loop over them. Walking
the map once per column (18 passes, a [path, decision] pair each time) was most of a 100k-item
import's snapshot time; the two lists are 1.6 MB while the columns are written.
*/
function flatten(map: PersistentMap<Decision>) {
	const paths: string[] = [];
	const decisions: Decision[] = [];
	forEachEntry(map, (decision, path) => {
		paths.push(path);
		decisions.push(decision);
	});
	return {paths, decisions};
}

/** The columns one at a time, in order, each whole: a writer may pack each before the next. */
export function* decisionColumnsEach(
	map: PersistentMap<Decision>,
	codes: Codes,
): Generator<readonly [keyof DecisionColumns, unknown[]]> {
	const {paths, decisions} = flatten(map);
	// In order: guessSources is filled by the guessSource column's pass.
	for (const {name, row, list} of columnCoders(codes)) {
		yield [
			name,
			row ? decisions.map((decision, at) => row(paths[at] ?? '', decision)) : [...list()],
		];
	}
}

export function encodeDecisions(map: PersistentMap<Decision>, codes: Codes): DecisionColumns {
	return Object.fromEntries(decisionColumnsEach(map, codes)) as unknown as DecisionColumns;
}
