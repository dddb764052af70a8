/**
`JSON.stringify(value)` as a series of pieces whose concatenation is exactly that text: plain
objects down to `depth` levels are opened up, key by key, and everything below is stringified
whole. A big value (a 100k-decision snapshot, 18 MB of JSON) is then written a few MB at a time,
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

export function* jsonParts(value: unknown, depth = 2): Generator<string> {
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
