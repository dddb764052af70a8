/**
The tasks of a Label Studio export: one per line (as imgsift and JSON-MIN write them, or JSON
lines), else one pretty-printed document read whole.
*/
import {readFile, stat} from 'node:fs/promises';
import {UserError} from '../shared/user-error.js';
import {jsonErrorOffset} from '../store/json-error-place.js';
import type {LineEntry, ProblemSink} from './line-input.js';
import {parseJsonObject, readLineBatches} from './line-input.js';

/** A task already parsed, a line still to parse, or the problem with a line. */
export type TaskEntry =
	| LineEntry
	| {readonly line: number; readonly task: unknown; readonly problem?: undefined};

/** Largest Label Studio export read as one document (pretty-printed, not one task per line). */
const maxDocumentBytes = 512 * 1024 * 1024;

async function wholeDocument(file: string, report: ProblemSink): Promise<TaskEntry[]> {
	const {size} = await stat(file);
	if (size > maxDocumentBytes) {
		throw new UserError(
			`${file} is ${Math.round(size / 1024 / 1024)} MB of pretty-printed JSON; imgsift reads at most 512 MB that way. Export it from Label Studio as JSON-MIN or one task per line, and import that.`,
		);
	}

	const text = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
	let tasks: unknown;
	try {
		tasks = JSON.parse(text);
	} catch {
		const offset = jsonErrorOffset(text) ?? 0;
		const before = text.slice(0, offset).split('\n');
		report({
			file,
			line: before.length,
			column: (before.at(-1)?.length ?? 0) + 1,
			reason: 'is not valid JSON; nothing after it could be read',
		});
		return [];
	}

	const list = Array.isArray(tasks) ? (tasks as unknown[]) : [tasks];
	return list.map((task, index) => ({line: index + 1, task}));
}

/** Whether the first lines open a pretty-printed document: `{` alone, maybe after `[`. */
function opensDocument(firstLines: readonly string[]): boolean {
	const [first, second] = firstLines;
	// An empty file is a (broken) document too: reading it whole reports why.
	return first === undefined || (first === '[' ? second : first) === '{';
}

/**
Batches of task entries in file order. Lines are parsed by the reader when it comes to each
(`taskOfEntry`), not a batch ahead: parsed objects held for a whole batch outlive V8's young
generation.
*/
export async function* taskBatches(
	file: string,
	report: ProblemSink,
): AsyncGenerator<readonly TaskEntry[]> {
	const batches = readLineBatches(file);
	const held: LineEntry[][] = [];
	const firstLines: string[] = [];
	// Not a for-await loop: leaving one early would close the batches still to come.
	while (firstLines.length < 2) {
		const next = await batches.next();
		if (next.done) {
			break;
		}

		held.push(next.value);
		for (const entry of next.value) {
			if (!entry.problem && firstLines.length < 2) {
				firstLines.push(entry.text.trim());
			}
		}
	}

	if (opensDocument(firstLines)) {
		await batches.return(undefined);
		for (const entry of held.flat()) {
			if (entry.problem) {
				report(entry.problem);
			}
		}

		yield await wholeDocument(file, report);
		return;
	}

	yield* held;
	yield* batches;
}

/** The task of an entry, parsing its line; undefined (after a report) when there is none. */
export function taskOfEntry(file: string, entry: TaskEntry, report: ProblemSink): unknown {
	if (entry.problem) {
		report(entry.problem);
		return undefined;
	}

	if ('task' in entry) {
		return entry.task;
	}

	const text = entry.text.trim().replace(/,$/, '');
	if (text === '[' || text === ']') {
		return undefined;
	}

	const parsed = parseJsonObject(text);
	if ('value' in parsed) {
		return parsed.value;
	}

	report({
		file,
		line: entry.line,
		...(parsed.column ? {column: parsed.column} : {}),
		reason: parsed.problem,
	});
	return undefined;
}
