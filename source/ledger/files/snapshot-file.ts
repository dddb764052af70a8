/**
The snapshot file's layout, written and read here: one line of JSON, checked for the format and
codec when read, then (codec 5) the number columns' blocks it references (core/state-blocks).
*/
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import type {JournalProblem} from '../../core/journal-parse.js';
import type {PackedColumn} from '../../core/packed-columns.js';
import {type BlockTable, blockBytes, resolveBlocks} from '../../core/state-blocks.js';
import {type ReadState, readableCodecVersions} from '../../core/state-codec.js';
import {describeFsError, errorCode} from '../../shared/fs-errors.js';
import {jsonParts} from '../../shared/json-parts.js';

export const snapshotFormat = 'imgsift-journal-snapshot';

/** `.labels/snapshot/<name>.json` for the journal `.labels/journal/<name>.jsonl`. */
export function snapshotPathOf(journalFile: string): string {
	const name = `${path.basename(journalFile, '.jsonl')}.json`;
	return path.join(path.dirname(path.dirname(journalFile)), 'snapshot', name);
}

/** What part of the journal a snapshot covers, and how to recognize those bytes. */
export type JournalCover = {
	readonly bytes: number;
	/** Lines in those bytes, so line numbers in the tail's messages are the file's. */
	readonly lines: number;
	readonly head: string;
	readonly end: string;
};

export type SnapshotFile = {
	readonly format: typeof snapshotFormat;
	readonly codec: number;
	readonly journal: JournalCover;
	readonly lastSeq: number;
	/** Lines of the covered part that could not be used, kept so the warning stays. */
	readonly problems: readonly JournalProblem[];
	readonly state: ReadState;
};

/**
The file's parts for an atomic writer: `file`'s JSON (opened 4 levels deep, so the columns left in
JSON come in runs), spaces that end its line on an 8-byte boundary, then the blocks, each on one
too: a reader could view them where they lie (blockAt copies them, so the file's bytes are freed).
*/
export function* snapshotParts(
	file: object,
	table: BlockTable,
	blocks: readonly PackedColumn[],
): Generator<string | Uint8Array> {
	let jsonBytes = 0;
	for (const part of jsonParts(file, 4)) {
		jsonBytes += Buffer.byteLength(part);
		yield part;
	}

	yield `${' '.repeat((8 - ((jsonBytes + 1) % 8)) % 8)}\n`;
	yield* blockBytes(table, blocks);
}

/** A snapshot read: the file, none (`undefined`), or why it cannot be used. */
export type SnapshotRead = SnapshotFile | string | undefined;

/**
The snapshot at `file`, checked for its format and codec: one line of JSON, then (codec 5) the
column blocks it references, put back into its state here.
*/
export async function readSnapshotFile(file: string): Promise<SnapshotRead> {
	let bytes: Buffer;
	try {
		bytes = await readFile(file);
	} catch (error) {
		return errorCode(error) === 'ENOENT'
			? undefined
			: `it cannot be read (${describeFsError(error)})`;
	}

	// JSON text has no raw newline: the first one ends it.
	const end = bytes.indexOf(0x0a);
	let value: Partial<SnapshotFile> & {blocks?: unknown};
	try {
		value = JSON.parse(bytes.toString('utf8', 0, end === -1 ? bytes.length : end)) as typeof value;
	} catch {
		return 'it is not valid JSON (a write cut short?)';
	}

	if (
		value.format !== snapshotFormat ||
		!readableCodecVersions.includes(value.codec ?? -1) ||
		!value.journal
	) {
		return 'it is not a snapshot this version of imgsift wrote';
	}

	if (value.blocks !== undefined) {
		try {
			resolveBlocks(value.state, value.blocks, bytes.subarray(end + 1));
		} catch (error) {
			return `it is damaged (${error instanceof Error ? error.message : String(error)})`;
		}
	}

	return value as SnapshotFile;
}
