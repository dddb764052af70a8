import {jsonForTerminal} from './escape.js';

/** Arrays longer than this are written an element at a time; shorter values in one piece. */
const longArray = 256;

/**
A list whose elements are made when written: jsonChunks takes it a run at a time, so a long list
of derived records (a report's 100,000 files) never exists whole. In JSON it is an array.
*/
export class LazyArray<T> {
	readonly length: number;
	readonly #at: (index: number) => T;

	constructor(length: number, at: (index: number) => T) {
		this.length = length;
		this.#at = at;
	}

	at(index: number): T {
		return this.#at(index);
	}

	slice(start: number, end = this.length): T[] {
		const stop = Math.min(end, this.length);
		return Array.from({length: Math.max(0, stop - start)}, (_, offset) => this.#at(start + offset));
	}

	toJSON(): T[] {
		return this.slice(0);
	}
}

type ArrayLikeValue = readonly unknown[] | LazyArray<unknown>;

const isArrayLike = (value: unknown): value is ArrayLikeValue =>
	Array.isArray(value) || value instanceof LazyArray;

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether JSON.stringify writes this property at all (it leaves out undefined and functions). */
function isWritten(value: unknown): boolean {
	return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';
}

function holdsLongArray(value: unknown): boolean {
	if (value instanceof LazyArray) {
		return value.length > longArray || holdsLongArray(value.slice(0));
	}

	if (Array.isArray(value)) {
		return value.length > longArray || value.some((item) => holdsLongArray(item));
	}

	return isRecord(value) && !('toJSON' in value) && Object.values(value).some(holdsLongArray);
}

/** One value in one piece, indented for its depth. */
function whole(value: unknown, indent: number, pad: string): string {
	return jsonForTerminal(value, indent).replaceAll('\n', `\n${pad}`);
}

/** Elements `start` to `start + longArray` of a long array, with their separators. */
function* arrayRun(
	array: ArrayLikeValue,
	start: number,
	indent: number,
	depth: number,
): Generator<string> {
	const pad = ' '.repeat(indent * depth);
	const run = array.slice(start, start + longArray);
	const end = start + run.length === array.length ? '\n' : ',\n';
	if (holdsLongArray(run)) {
		const inner = ' '.repeat(indent * (depth + 1));
		for (const [index, item] of run.entries()) {
			yield inner;
			// As JSON.stringify: an undefined or function element is written as null.
			yield* jsonChunks(isWritten(item) ? item : null, indent, depth + 1);
			yield index < run.length - 1 ? ',\n' : end;
		}

		return;
	}

	// The run as one small array, without its brackets: "[\n  a,\n  b\n]" gives "  a,\n  b".
	const text = jsonForTerminal(run, indent);
	yield `${pad}${text.slice(2, -2).replaceAll('\n', `\n${pad}`)}${end}`;
}

/**
The text of `jsonForTerminal(value, indent)`, in pieces: long arrays come an element at a time,
so a report of 100k files is never one string of tens of megabytes (nor three, with the escaping
and the write). Joined, the pieces equal that text exactly. For plain data (no toJSON inside
the parts it walks, which then go whole) and an indent of at least 1 (else it is one piece).
A LazyArray is written like an array, its elements made a run at a time.
*/
export function* jsonChunks(value: unknown, indent: number, depth = 0): Generator<string> {
	const pad = ' '.repeat(indent * depth);
	const inner = ' '.repeat(indent * (depth + 1));
	if (indent < 1 || !holdsLongArray(value)) {
		yield whole(value, indent, pad);
		return;
	}

	if (isArrayLike(value)) {
		yield '[\n';
		for (let start = 0; start < value.length; start += longArray) {
			yield* arrayRun(value, start, indent, depth);
		}

		yield `${pad}]`;
		return;
	}

	const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) =>
		isWritten(item),
	);
	yield '{\n';
	for (const [index, [key, item]] of entries.entries()) {
		yield `${inner}${jsonForTerminal(key)}: `;
		yield* jsonChunks(item, indent, depth + 1);
		yield index < entries.length - 1 ? ',\n' : '\n';
	}

	yield `${pad}}`;
}

/**
Writes `jsonChunks` through `write` in pieces of about `batchBytes`, then a newline, waiting for
each write (a stream's backpressure) before making the next piece.
*/
export async function writeJsonLines(
	value: unknown,
	indent: number,
	write: (text: string) => Promise<void> | void,
	batchBytes = 1 << 20,
): Promise<void> {
	let batch = '';
	for (const chunk of jsonChunks(value, indent)) {
		batch += chunk;
		if (batch.length >= batchBytes) {
			await write(batch);
			batch = '';
		}
	}

	await write(`${batch}\n`);
}
