/**
`JSON.stringify(value)` as a series of pieces whose concatenation is exactly that text: plain
objects down to `depth` levels are opened up, key by key, long arrays there come in runs of
elements, and everything below is stringified whole. A big value (a 100k-decision snapshot, 18 MB of JSON) is then written a few MB at a time,
each piece made only when the writer asks for it, instead of held as one string and one buffer.
*/

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		return false;
	}

	const prototype: unknown = Object.getPrototypeOf(value);
	return (
		(prototype === Object.prototype || prototype === null) &&
		typeof (value as {toJSON?: unknown}).toJSON !== 'function'
	);
};

/** What JSON.stringify leaves out of an object: undefined, functions and symbols. */
const isSkipped = (value: unknown) =>
	value === undefined || typeof value === 'function' || typeof value === 'symbol';

/** Arrays longer than this, above `depth`, come a run of this many elements at a time. */
const arrayRun = 4096;

/**
A long array's text in runs: each run stringified as a small array without its brackets, so a
100k-element column is never one string of megabytes (nor one large-object string that stays in
the heap until a full collection). A slice keeps holes, which JSON.stringify writes as null.
*/
function* arrayParts(array: readonly unknown[]): Generator<string> {
	yield '[';
	for (let start = 0; start < array.length; start += arrayRun) {
		const text = JSON.stringify(array.slice(start, start + arrayRun));
		yield `${start === 0 ? '' : ','}${text.slice(1, -1)}`;
	}

	yield ']';
}

/** A value that makes its own JSON text in pieces (see core/json-runs), at any depth. */
const hasPieces = (value: unknown): value is {jsonPieces(): Iterable<string>} =>
	typeof value === 'object' &&
	value !== null &&
	typeof (value as {jsonPieces?: unknown}).jsonPieces === 'function';

export function* jsonParts(value: unknown, depth = 2): Generator<string> {
	if (hasPieces(value)) {
		yield* value.jsonPieces();
		return;
	}

	if (depth > 0 && Array.isArray(value) && value.length > arrayRun) {
		yield* arrayParts(value);
		return;
	}

	if (depth <= 0 || !isPlainObject(value)) {
		// JSON.stringify gives undefined for a bare undefined; the caller's object skipped those.
		yield JSON.stringify(value) ?? 'null';
		return;
	}

	let first = true;
	yield '{';
	for (const key of Object.keys(value)) {
		const field = value[key];
		if (isSkipped(field)) {
			continue;
		}

		yield `${first ? '' : ','}${JSON.stringify(key)}:`;
		first = false;
		yield* jsonParts(field, depth - 1);
	}

	yield '}';
}
