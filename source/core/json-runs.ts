/**
Big JSON arrays written without being made: the text of an array of `values`, a run of elements at
a time, and a value that offers those pieces to a writer (`jsonPieces`, which shared/json-parts
asks for) while `JSON.stringify` still gets the whole value from `toJSON`. A 100k-decision
snapshot's columns and undo history were 17 MB of arrays held beside the state while written.
*/

/** Elements per run: each run is stringified as one small array. */
export const jsonRunLength = 4096;

/** Exactly `JSON.stringify([...values])`, in pieces of at most `jsonRunLength` elements. */
export function* arrayJsonRuns(values: Iterable<unknown>): Generator<string> {
	yield '[';
	let run: unknown[] = [];
	let first = true;
	const text = () => {
		const piece = `${first ? '' : ','}${JSON.stringify(run).slice(1, -1)}`;
		first = false;
		run = [];
		return piece;
	};

	for (const value of values) {
		run.push(value);
		if (run.length === jsonRunLength) {
			yield text();
		}
	}

	if (run.length > 0) {
		yield text();
	}

	yield ']';
}

/**
Exactly `arrayJsonRuns` of `valueAt(0) … valueAt(count - 1)`, called in order: a column made from
lists already held, without a generator step per value.
*/
export function* indexedJsonRuns(
	count: number,
	valueAt: (index: number) => unknown,
): Generator<string> {
	yield '[';
	for (let start = 0; start < count; start += jsonRunLength) {
		const end = Math.min(count, start + jsonRunLength);
		const run: unknown[] = [];
		for (let index = start; index < end; index++) {
			run.push(valueAt(index));
		}

		yield `${start === 0 ? '' : ','}${JSON.stringify(run).slice(1, -1)}`;
	}

	yield ']';
}

/** A value written in pieces by json-parts, and whole by JSON.stringify (through `toJSON`). */
export type PiecewiseJson = {
	jsonPieces(): Iterable<string>;
	toJSON(): unknown;
};

export function piecewiseJson(pieces: () => Iterable<string>, whole: () => unknown): PiecewiseJson {
	return {jsonPieces: pieces, toJSON: whole};
}
