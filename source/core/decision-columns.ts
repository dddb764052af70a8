/** A state's decisions as JSON columns, and one decision as a checked object (see state-codec). */
import {isoTime} from './iso-time.js';
import type {DecisionOrigin, Guess, ImportNote} from './journal-record.js';
import type {Decision} from './session-state.js';

export const viaCodes: ReadonlyArray<Decision['via']> = ['key', 'guess', 'import'];

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

/**
A decision by assignment, its fields in one order and the optional ones only when defined: every
decoded decision (the snapshot's columns, the undo entries) shares one hidden class, and no field
costs a temporary object as a spread of `...(x === undefined ? {} : {x})` did (0.1 s of a 100k
resume). Loosely typed: the caller checks it (checkDecision) before it is used as one.
*/
function assembleDecision(
	label: unknown,
	seq: unknown,
	time: unknown,
	size: unknown,
	mtimeMs: unknown,
	ctimeMs: unknown,
	ino: unknown,
	ms: unknown,
	via: unknown,
	guess: unknown,
	imported: unknown,
	origin: unknown,
	copyOf: unknown,
): EncodedDecision {
	const decision: {-readonly [Key in keyof EncodedDecision]?: unknown} = {
		label,
		seq,
		time,
		size,
		mtimeMs,
	};
	if (ctimeMs !== undefined) {
		decision.ctimeMs = ctimeMs;
	}

	if (ino !== undefined) {
		decision.ino = ino;
	}

	decision.ms = ms;
	decision.via = via;
	if (guess !== undefined) {
		decision.guess = guess;
	}

	if (imported !== undefined) {
		decision.imported = imported;
	}

	if (origin !== undefined) {
		decision.origin = origin;
	}

	if (copyOf !== undefined) {
		decision.copyOf = copyOf;
	}

	return decision as EncodedDecision;
}

/** Only the fields a Decision has, so a hand-edited snapshot cannot add stray keys. */
export function decodeDecision(value: EncodedDecision): Decision {
	checkDecision(value);
	const {label, seq, time, size, mtimeMs, ms, via, guess, imported, copyOf, origin, ctimeMs, ino} =
		value;
	return assembleDecision(
		label,
		seq,
		time,
		size,
		mtimeMs,
		ctimeMs,
		ino,
		ms,
		via,
		guess,
		imported,
		origin,
		copyOf,
	) as Decision;
}

/**
Decisions as columns, not one object each: a 100k-decision state parses in a fraction of the time
and garbage. A time that `toISOString` writes back exactly is kept as its number.
*/
export type DecisionColumns = {
	/** Codec 4: the item's index in the catalog, or its path when it is not there (codec 3: paths). */
	readonly paths: ReadonlyArray<number | string>;
	/** Codec 4: the index in the state's classes, or the label itself (codec 3: labels). */
	readonly labels: ReadonlyArray<number | string>;
	readonly seq: readonly number[];
	readonly time: ReadonlyArray<number | string>;
	readonly size: readonly number[];
	readonly mtimeMs: readonly number[];
	readonly ms: readonly number[];
	/** The index in `viaCodes`: 0 for a key, 1 for an accepted guess, 2 for an import. */
	readonly via: readonly number[];
	readonly imported: ReadonlyArray<ImportNote | 0>;
	/** 0 where there is none; codec 4: 1 where it is in the guess columns below. */
	readonly guess: ReadonlyArray<Guess | 0 | 1>;
	/** Codec 4, for a guess of three fields: its label as `labels`, confidence and source index. */
	readonly guessLabel?: ReadonlyArray<number | string>;
	readonly guessConfidence?: readonly number[];
	readonly guessSource?: readonly number[];
	readonly guessSources?: readonly string[];
	readonly copyOf: ReadonlyArray<string | 0>;
	/** A grid page, the auto-accept policy or an adjudication; 0 where there is none. */
	readonly origin: ReadonlyArray<DecisionOrigin | 0>;
	/** The file identity beyond size and mtime, null where the record had none. */
	readonly ctimeMs: ReadonlyArray<number | null>;
	readonly ino: ReadonlyArray<number | null>;
};

/**
The columns as a decision table keeps them: a column may be a typed array, and one that holds only
0 or null (no import, no copy, no file identity...) may be left out (see decision-table).
*/
export type StoredColumns = {
	readonly [Name in keyof DecisionColumns]?: NonNullable<
		DecisionColumns[Name]
	> extends ReadonlyArray<infer Value>
		? ArrayLike<Value>
		: never;
};

type ColumnOf<Column> = Column extends ReadonlyArray<infer Value> ? ArrayLike<Value> : Column;

/** The columns as read: each a JSON array, or a typed array from the snapshot's blocks. */
export type ReadColumns = {
	readonly [Name in keyof DecisionColumns]: ColumnOf<DecisionColumns[Name]>;
};

export type Decodes = {
	/** The path for a code; throws when a number is not an index of the catalog. */
	readonly pathOf: (code: unknown) => string;
	readonly labelOf: (code: unknown) => unknown;
};

/** The guess of row `index`: from the guess columns (codec 4), as written, or undefined. */
function guessAt(columns: StoredColumns, index: number, decodes: Decodes): unknown {
	const guess = columns.guess?.[index] ?? 0;
	if (guess !== 1) {
		return guess === 0 ? undefined : guess;
	}

	const label = decodes.labelOf(columns.guessLabel?.[index]);
	const confidence = columns.guessConfidence?.[index];
	const source = columns.guessSources?.[columns.guessSource?.[index] ?? -1];
	if (typeof label !== 'string' || typeof confidence !== 'number' || typeof source !== 'string') {
		throw new TypeError(`a guess in the snapshot is malformed (decision ${index})`);
	}

	return {label, confidence, source};
}

/** Decision `index` of the columns, checked by checkColumns and checkRows. */
export function decodeRow(columns: StoredColumns, decodes: Decodes, index: number): Decision {
	const time = columns.time?.[index];
	const copyOf = columns.copyOf?.[index] ?? 0;
	const imported = columns.imported?.[index] ?? 0;
	const origin = columns.origin?.[index] ?? 0;
	const decision = assembleDecision(
		decodes.labelOf(columns.labels?.[index]),
		columns.seq?.[index],
		typeof time === 'number' ? isoTime(time) : time,
		columns.size?.[index],
		columns.mtimeMs?.[index],
		columns.ctimeMs?.[index] ?? undefined,
		columns.ino?.[index] ?? undefined,
		columns.ms?.[index],
		viaCodes[columns.via?.[index] ?? -1],
		guessAt(columns, index, decodes),
		imported === 0 ? undefined : imported,
		origin === 0 ? undefined : origin,
		copyOf === 0 ? undefined : copyOf,
	);
	return decision as Decision;
}
