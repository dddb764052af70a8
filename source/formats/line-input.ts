/**
Reads an imported file line by line in constant memory: strict UTF-8 per line, a limit on line
length, and problems that name the file, line and column instead of stopping the import.
*/
import {createReadStream} from 'node:fs';
import {open} from 'node:fs/promises';
import {describeFsError} from '../shared/fs-errors.js';
import {UserError} from '../shared/user-error.js';
import {jsonErrorOffset} from '../store/json-error-place.js';

export type InputProblem = {
	readonly file: string;
	readonly line: number;
	readonly column?: number;
	readonly reason: string;
};

export type ProblemSink = (problem: InputProblem) => void;

export type InputLine = {readonly line: number; readonly text: string};

/** A line longer than this is skipped and reported: no one labels with a 16 MB line. */
export const maxLineBytes = 16 * 1024 * 1024;

const strictUtf8 = new TextDecoder('utf-8', {fatal: true});

export function describeProblem(problem: InputProblem): string {
	const column = problem.column === undefined ? '' : `:${problem.column}`;
	return `${problem.file}:${problem.line}${column}: ${problem.reason}`;
}

/** Refuses UTF-16 and UTF-32 files outright (every line would be garbage otherwise). */
async function checkEncoding(file: string): Promise<void> {
	let head: Buffer;
	try {
		const handle = await open(file, 'r');
		try {
			const {buffer, bytesRead} = await handle.read(Buffer.alloc(4), 0, 4, 0);
			head = buffer.subarray(0, bytesRead);
		} finally {
			await handle.close();
		}
	} catch (error) {
		throw new UserError(
			`could not read ${file}: ${describeFsError(error)}. Check the path and that it is a readable file.`,
			{cause: error},
		);
	}

	const utf16 =
		(head[0] === 0xff && head[1] === 0xfe) ||
		(head[0] === 0xfe && head[1] === 0xff) ||
		(head.length >= 2 && (head[0] === 0 || head[1] === 0));
	if (utf16) {
		throw new UserError(
			`${file} is UTF-16 or UTF-32 text, not UTF-8. Save it as UTF-8 (for example: iconv -f UTF-16 -t UTF-8 ${file} > converted) and import that.`,
		);
	}
}

/** 1-based byte column of the first byte that does not start a well-formed UTF-8 sequence. */
export function firstBadByte(bytes: Uint8Array): number {
	let index = 0;
	while (index < bytes.length) {
		const lead = bytes[index] ?? 0;
		const length =
			lead < 0x80
				? 1
				: lead >= 0xc2 && lead <= 0xdf
					? 2
					: lead >= 0xe0 && lead <= 0xef
						? 3
						: lead >= 0xf0 && lead <= 0xf4
							? 4
							: 0;
		const tail = bytes.subarray(index + 1, index + length);
		if (length === 0 || tail.length !== length - 1 || tail.some((byte) => (byte & 0xc0) !== 0x80)) {
			return index + 1;
		}

		index += length;
	}

	return 1; // Well-formed bytes that still failed (an overlong form): point at the start.
}

function decodeLine(bytes: Buffer, file: string, line: number, report: ProblemSink) {
	try {
		return strictUtf8.decode(bytes);
	} catch {
		const column = firstBadByte(bytes);
		report({file, line, column, reason: 'is not UTF-8 text; save the file as UTF-8'});
		return undefined;
	}
}

/** Lines per batch of readLineBatches. */
const batchLines = 1024;

export type ReadLinesOptions = {
	/**
	Every line, blank ones too, with the CR of a CRLF kept: for CSV, whose quoted fields may hold
	line breaks that must come back as written.
	*/
	readonly raw?: boolean;
};

/** A line, or the problem that kept one out, in its place in the file. */
export type LineEntry =
	| (InputLine & {readonly problem?: undefined})
	| {readonly line: number; readonly problem: InputProblem};

/**
Non-blank lines of `file` without their CR, numbered from 1; a leading UTF-8 BOM is dropped. They
come as the lines each 1 MB read completes, with the problems among them in their place (a reader
reports each in its turn, so problems stay in line order): a reader loops over a batch with no
await per line, where a layer of async generators per line cost every line promises and garbage.
*/
export async function* readLineBatches(
	file: string,
	options: ReadLinesOptions = {},
): AsyncGenerator<LineEntry[]> {
	const raw = options.raw === true;
	await checkEncoding(file);
	let pending: Buffer[] = [];
	let pendingBytes = 0;
	let tooLong = false;
	let line = 0;
	let lines: LineEntry[] = [];
	const report: ProblemSink = (problem) => {
		lines.push({line: problem.line, problem});
	};
	const finish = (last: Buffer): InputLine | undefined => {
		line++;
		const bytes = pending.length === 0 ? last : Buffer.concat([...pending, last]);
		const wasTooLong = tooLong || bytes.length > maxLineBytes;
		pending = [];
		pendingBytes = 0;
		tooLong = false;
		if (wasTooLong) {
			report({file, line, reason: `is longer than ${maxLineBytes / 1024 / 1024} MB; skipped`});
			return undefined;
		}

		const decoded = decodeLine(bytes, file, line, report);
		const text = raw ? decoded : decoded?.replace(/\r$/, '');
		const clean = line === 1 ? text?.replace(/^\uFEFF/, '') : text;
		if (clean === undefined || (!raw && clean.trim() === '')) {
			return undefined;
		}

		return {line, text: clean};
	};

	for await (const chunk of createReadStream(file, {highWaterMark: 1024 * 1024})) {
		const buffer = chunk as Buffer;
		let start = 0;
		for (
			let newline = buffer.indexOf(0x0a);
			newline !== -1;
			newline = buffer.indexOf(0x0a, start)
		) {
			const done = finish(buffer.subarray(start, newline));
			start = newline + 1;
			if (done) {
				lines.push(done);
			}

			// A thousand lines at a time, not a whole 1 MB read: a batch is held while the reader
			// works through it, and a small one dies young (see heap-budget's small young generation).
			if (lines.length >= batchLines) {
				yield lines;
				lines = [];
			}
		}

		if (lines.length > 0) {
			yield lines;
			lines = [];
		}

		const rest = buffer.subarray(start);
		if (tooLong) {
			continue;
		}

		pendingBytes += rest.length;
		if (pendingBytes > maxLineBytes) {
			tooLong = true;
			pending = [];
		} else if (rest.length > 0) {
			pending.push(Buffer.from(rest));
		}
	}

	if (pendingBytes > 0 || tooLong) {
		const done = finish(Buffer.alloc(0));
		if (done) {
			lines.push(done);
		}

		if (lines.length > 0) {
			yield lines;
		}
	}
}

/** `readLineBatches` a line at a time, each problem reported in its turn. */
export async function* readLines(
	file: string,
	report: ProblemSink,
	options: ReadLinesOptions = {},
): AsyncGenerator<InputLine> {
	for await (const lines of readLineBatches(file, options)) {
		for (const entry of lines) {
			if (entry.problem) {
				report(entry.problem);
			} else {
				yield entry;
			}
		}
	}
}

export type JsonLine =
	| {readonly value: Record<string, unknown>}
	| {readonly problem: string; readonly column?: number};

/** One line as a JSON object, or why not (with the 1-based column where parsing stopped). */
export function parseJsonObject(text: string): JsonLine {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		const offset = jsonErrorOffset(text);
		return {problem: 'is not valid JSON', ...(offset === undefined ? {} : {column: offset + 1})};
	}

	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		return {problem: 'is not a JSON object', column: 1};
	}

	return {value: value as Record<string, unknown>};
}

export type JsonObjectLine = {readonly line: number; readonly value: Record<string, unknown>};

export type JsonLineEntry =
	| (JsonObjectLine & {readonly problem?: undefined})
	| {readonly line: number; readonly problem: InputProblem};

/**
One entry of `readLineBatches` as a JSON object, or the problem with it. Parsed when the reader
comes to it, not a batch ahead: a batch of parsed objects outlived V8's young generation, and
copying it into the old one cost a JSON import more than the batching saved.
*/
export function jsonEntryOf(file: string, entry: LineEntry): JsonLineEntry {
	if (entry.problem) {
		return entry;
	}

	const {line, text} = entry;
	const parsed = parseJsonObject(text);
	if ('value' in parsed) {
		return {line, value: parsed.value};
	}

	const column = parsed.column ? {column: parsed.column} : {};
	return {line, problem: {file, line, ...column, reason: parsed.problem}};
}

/** JSON objects of a JSON-lines file; bad lines are reported and skipped. */
export async function* readJsonLines(
	file: string,
	report: ProblemSink,
): AsyncGenerator<JsonObjectLine> {
	for await (const lines of readLineBatches(file)) {
		for (const line of lines) {
			const entry = jsonEntryOf(file, line);
			if (entry.problem) {
				report(entry.problem);
			} else {
				yield entry;
			}
		}
	}
}
