/** A state's decisions as JSON columns, and one decision as a checked object (see state-codec). */
import type {DecisionOrigin, Guess, ImportNote} from './journal-record.js';
import {arrayJsonRuns} from './json-runs.js';
import {entries, type PersistentMap} from './persistent-map.js';
import type {Decision} from './session-state.js';

const viaCodes: ReadonlyArray<Decision['via']> = ['key', 'guess', 'import'];

export type EncodedDecision = {
	readonly label: string;
	readonly seq: number;
	readonly time: string;
	readonly size: number;
	readonly mtimeMs: number;
	readonly ms: number;
	readonly via: Decision['via'];
	readonly imported?: ImportNote;
	readonly guess?: Guess;
	readonly copyOf?: string;
	readonly origin?: DecisionOrigin;
	readonly ctimeMs?: number;
	readonly ino?: number;
};

const isOptionalNumber = (value: unknown) => value === undefined || typeof value === 'number';

/** Throws when a decision from the snapshot lacks a field or has one of the wrong type. */
function checkDecision(value: EncodedDecision): void {
	const {label, seq, time, size, mtimeMs, ms, via, ctimeMs, ino} = value;
	if (
		typeof label !== 'string' ||
		typeof seq !== 'number' ||
		typeof time !== 'string' ||
		typeof size !== 'number' ||
		typeof mtimeMs !== 'number' ||
		typeof ms !== 'number' ||
		!viaCodes.includes(via) ||
		!isOptionalNumber(ctimeMs) ||
		!isOptionalNumber(ino)
	) {
		throw new TypeError(`a decision in the snapshot is malformed: ${JSON.stringify(value)}`);
	}
}

/** Only the fields a Decision has, so a hand-edited snapshot cannot add stray keys. */
export function decodeDecision(value: EncodedDecision): Decision {
	checkDecision(value);
	const {label, seq, time, size, mtimeMs, ms, via, guess, imported, copyOf, origin, ctimeMs, ino} =
		value;
	return {
		label,
		seq,
		time,
		size,
		mtimeMs,
		...(ctimeMs === undefined ? {} : {ctimeMs}),
		...(ino === undefined ? {} : {ino}),
		ms,
		via,
		...(guess === undefined ? {} : {guess}),
		...(imported === undefined ? {} : {imported}),
		...(origin === undefined ? {} : {origin}),
		...(copyOf === undefined ? {} : {copyOf}),
	};
}

/**
Decisions as columns, not one object each: a 100k-decision state parses in a fraction of the time
and garbage. A time that `toISOString` writes back exactly is kept as its number. Each column is
made at its full length at once: pushed, a 100k column grew through a dozen copies, and those in
large-object space stayed until a full collection (about 28 MB more RSS at an import's close).
*/
export type DecisionColumns = {
	readonly paths: readonly string[];
	readonly labels: readonly string[];
	readonly seq: readonly number[];
	readonly time: ReadonlyArray<number | string>;
	readonly size: readonly number[];
	readonly mtimeMs: readonly number[];
	readonly ms: readonly number[];
	/** The index in `viaCodes`: 0 for a key, 1 for an accepted guess, 2 for an import. */
	readonly via: readonly number[];
	readonly imported: ReadonlyArray<ImportNote | 0>;
	/** 0 where there is none. */
	readonly guess: ReadonlyArray<Guess | 0>;
	readonly copyOf: ReadonlyArray<string | 0>;
	/** A grid page, the auto-accept policy or an adjudication; 0 where there is none. */
	readonly origin: ReadonlyArray<DecisionOrigin | 0>;
	/** The file identity beyond size and mtime, null where the record had none. */
	readonly ctimeMs: ReadonlyArray<number | null>;
	readonly ino: ReadonlyArray<number | null>;
};

function timeCode(time: string): number | string {
	const ms = Date.parse(time);
	return Number.isFinite(ms) && new Date(ms).toISOString() === time ? ms : time;
}

export function encodeDecisions(map: PersistentMap<Decision>): DecisionColumns {
	const columns = {
		paths: new Array(map.size) as string[],
		labels: new Array(map.size) as string[],
		seq: new Array(map.size) as number[],
		time: new Array(map.size) as Array<number | string>,
		size: new Array(map.size) as number[],
		mtimeMs: new Array(map.size) as number[],
		ms: new Array(map.size) as number[],
		via: new Array(map.size) as number[],
		imported: new Array(map.size) as Array<ImportNote | 0>,
		guess: new Array(map.size) as Array<Guess | 0>,
		copyOf: new Array(map.size) as Array<string | 0>,
		origin: new Array(map.size) as Array<DecisionOrigin | 0>,
		ctimeMs: new Array(map.size) as Array<number | null>,
		ino: new Array(map.size) as Array<number | null>,
	};
	// Decisions made together share a time string (an import's all do): code it once per run.
	let lastTime: string | undefined;
	let lastCode: number | string = 0;
	let at = -1;
	for (const [path, decision] of entries(map)) {
		at++;
		columns.paths[at] = path;
		columns.labels[at] = decision.label;
		columns.seq[at] = decision.seq;
		if (decision.time !== lastTime) {
			lastTime = decision.time;
			lastCode = timeCode(decision.time);
		}

		columns.time[at] = lastCode;
		columns.size[at] = decision.size;
		columns.mtimeMs[at] = decision.mtimeMs;
		columns.ms[at] = decision.ms;
		columns.via[at] = viaCodes.indexOf(decision.via);
		columns.imported[at] = decision.imported ?? 0;
		columns.guess[at] = decision.guess ?? 0;
		columns.copyOf[at] = decision.copyOf ?? 0;
		columns.origin[at] = decision.origin ?? 0;
		columns.ctimeMs[at] = decision.ctimeMs ?? null;
		columns.ino[at] = decision.ino ?? null;
	}

	if (at + 1 !== map.size) {
		for (const column of Object.values(columns)) {
			column.length = at + 1;
		}
	}

	return columns;
}

type ColumnName = keyof DecisionColumns;

/** Each column's value for one decision, in the columns' order (`time` codes a run of one time once). */
function columnReaders(): Array<[ColumnName, (path: string, decision: Decision) => unknown]> {
	let lastTime: string | undefined;
	let lastCode: number | string = 0;
	return [
		['paths', (path) => path],
		['labels', (_, decision) => decision.label],
		['seq', (_, decision) => decision.seq],
		[
			'time',
			(_, decision) => {
				if (decision.time !== lastTime) {
					lastTime = decision.time;
					lastCode = timeCode(decision.time);
				}

				return lastCode;
			},
		],
		['size', (_, decision) => decision.size],
		['mtimeMs', (_, decision) => decision.mtimeMs],
		['ms', (_, decision) => decision.ms],
		['via', (_, decision) => viaCodes.indexOf(decision.via)],
		['imported', (_, decision) => decision.imported ?? 0],
		['guess', (_, decision) => decision.guess ?? 0],
		['copyOf', (_, decision) => decision.copyOf ?? 0],
		['origin', (_, decision) => decision.origin ?? 0],
		['ctimeMs', (_, decision) => decision.ctimeMs ?? null],
		['ino', (_, decision) => decision.ino ?? null],
	];
}

/**
Exactly `JSON.stringify(encodeDecisions(map))`, made a column at a time and each column a run of
values at a time (one pass over the map per column): the columns are never held whole.
*/
export function* decisionColumnsJson(map: PersistentMap<Decision>): Generator<string> {
	yield '{';
	for (const [index, [name, read]] of columnReaders().entries()) {
		yield `${index === 0 ? '' : ','}${JSON.stringify(name)}:`;
		yield* arrayJsonRuns(
			(function* () {
				for (const [path, decision] of entries(map)) {
					yield read(path, decision);
				}
			})(),
		);
	}

	yield '}';
}

/**
Calls `onDecision` with each decision of the columns, in order. Each is built with only the fields
a Decision has and checked in place: no pair list and no second copy per decision, which at 100k
decisions was ~40 MB of garbage on every resume.
*/
export function eachDecision(
	columns: DecisionColumns,
	onDecision: (path: string, decision: Decision) => void,
): void {
	if (typeof columns !== 'object' || columns === null || !Array.isArray(columns.paths)) {
		throw new TypeError('the decisions in the snapshot are not columns');
	}

	for (const [index, path] of columns.paths.entries()) {
		const time = columns.time[index];
		const guess = columns.guess[index];
		const copyOf = columns.copyOf[index];
		const imported = columns.imported?.[index];
		const origin = columns.origin?.[index];
		const ctimeMs = columns.ctimeMs?.[index];
		const ino = columns.ino?.[index];
		const decision = {
			label: columns.labels[index],
			seq: columns.seq[index],
			time: typeof time === 'number' ? new Date(time).toISOString() : time,
			size: columns.size[index],
			mtimeMs: columns.mtimeMs[index],
			...(ctimeMs === null || ctimeMs === undefined ? {} : {ctimeMs}),
			...(ino === null || ino === undefined ? {} : {ino}),
			ms: columns.ms[index],
			via: viaCodes[columns.via[index] ?? -1],
			// The key order decodeDecision gives, so decoded objects share one shape.
			...(guess === 0 || guess === undefined ? {} : {guess}),
			...(imported === 0 || imported === undefined ? {} : {imported}),
			...(origin === 0 || origin === undefined ? {} : {origin}),
			...(copyOf === 0 || copyOf === undefined ? {} : {copyOf}),
		} as EncodedDecision;
		checkDecision(decision);
		onDecision(path, decision as Decision);
	}
}
