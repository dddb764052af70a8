/**
Resume from a snapshot: `.labels/snapshot/<user>.json` holds the folded state of the journal's first
`bytes` bytes, so a resume parses and folds only the records after them. The journal stays the
truth: a snapshot that does not match it (another size, other bytes at its start or at its end,
other classes, unreadable JSON) is ignored with a warning and the whole journal is replayed.
*/
import {createHash} from 'node:crypto';
import {mkdir, open} from 'node:fs/promises';
import path from 'node:path';
import {foldRecords} from '../../core/fold.js';
import type {JournalProblem} from '../../core/journal-parse.js';
import {initialState, type SessionState} from '../../core/session-state.js';
import {encodeStateWithBlocks} from '../../core/state-blocks.js';
import {decodeState, stateCodecVersion} from '../../core/state-codec.js';
import {describeFsError, errorCode} from '../../shared/fs-errors.js';
import {UserError} from '../../shared/user-error.js';
import {writePartsAtomically} from '../../store/atomic-file.js';
import {parseJournalBytes} from './journal-file.js';
import {
	type JournalCover,
	readSnapshotFile,
	type SnapshotFile,
	snapshotFormat,
	snapshotParts,
	snapshotPathOf,
} from './snapshot-file.js';

export {type JournalCover, snapshotPathOf} from './snapshot-file.js';

/** Bytes hashed at the start of the journal and before the snapshot's end. */
const windowBytes = 4096;

const sha1 = (bytes: Buffer) => createHash('sha1').update(bytes).digest('hex');

type Handle = Awaited<ReturnType<typeof open>>;

async function readRange(handle: Handle, start: number, end: number): Promise<Buffer> {
	const buffer = Buffer.alloc(Math.max(0, end - start));
	let read = 0;
	while (read < buffer.length) {
		const {bytesRead} = await handle.read(buffer, read, buffer.length - read, start + read);
		if (bytesRead === 0) {
			return buffer.subarray(0, read);
		}

		read += bytesRead;
	}

	return buffer;
}

/** The hashes that recognize the journal's first `bytes` bytes. */
async function windowsOf(handle: Handle, bytes: number): Promise<{head: string; end: string}> {
	const head = await readRange(handle, 0, Math.min(windowBytes, bytes));
	const end = await readRange(handle, Math.max(0, bytes - windowBytes), bytes);
	return {head: sha1(head), end: sha1(end)};
}

function countLines(content: Buffer): number {
	let lines = 0;
	for (let at = content.indexOf(0x0a); at !== -1; at = content.indexOf(0x0a, at + 1)) {
		lines++;
	}

	return lines;
}

export type Replayed = {
	/** The fold as a batch leaves it (see foldRecords): settle its cursor before showing it. */
	readonly state: SessionState;
	readonly problems: readonly JournalProblem[];
	readonly cover: JournalCover;
	/** Set when a snapshot was there but not used. */
	readonly warning: string | undefined;
	/** Records folded from the journal itself (all of them without a usable snapshot). */
	readonly replayedRecords: number;
	/** True when a snapshot was used. */
	readonly fromSnapshot: boolean;
	/** True when the snapshot used was written by an older codec (rewrite it at exit). */
	readonly olderCodec?: boolean;
};

function sameClasses(left: readonly string[], right: readonly string[]): boolean {
	return left.length === right.length && left.every((name, index) => name === right[index]);
}

/**
Replays a journal, from its snapshot when that matches. A missing journal is an empty one.
Reads only the tail after a matching snapshot, plus two small windows it hashes.
*/
export async function replayJournal(
	journalFile: string,
	classes: readonly string[],
): Promise<Replayed> {
	const snapshotFile = snapshotPathOf(journalFile);
	const snapshot = await readSnapshotFile(snapshotFile);
	let handle: Handle | undefined;
	try {
		handle = await open(journalFile, 'r');
	} catch (error) {
		if (errorCode(error) !== 'ENOENT') {
			throw new UserError(
				`could not read the journal ${journalFile}: ${describeFsError(error)}. Check that it is a readable file.`,
				{cause: error},
			);
		}
	}

	try {
		const size = handle ? (await handle.stat()).size : 0;
		let problem = typeof snapshot === 'string' ? snapshot : undefined;
		if (handle && typeof snapshot === 'object') {
			const {bytes, head, end} = snapshot.journal;
			const windows = bytes <= size ? await windowsOf(handle, bytes) : undefined;
			if (!sameClasses(snapshot.state.classes ?? [], classes)) {
				problem = 'the project has other classes now';
			} else if (windows === undefined || windows.head !== head || windows.end !== end) {
				problem = 'it does not match the journal (the journal was replaced or cut short)';
			} else {
				try {
					return await replayTail(handle, size, snapshot);
				} catch (error) {
					problem = `it is damaged (${error instanceof Error ? error.message : String(error)})`;
				}
			}
		} else if (!handle && typeof snapshot === 'object' && snapshot.journal.bytes > 0) {
			problem = 'the journal it belongs to is gone';
		}

		const content = handle ? await readRange(handle, 0, size) : Buffer.alloc(0);
		const parsed = parseJournalBytes(content);
		const lineOf = (index: number) => parsed.recordLines?.[index] ?? index + 1;
		const folded = foldRecords(initialState(classes), parsed.records, lineOf);
		const windows = handle ? await windowsOf(handle, size) : {head: '', end: ''};
		return {
			state: folded.state,
			problems: [...parsed.problems, ...folded.rejected],
			cover: {bytes: size, lines: countLines(content), ...windows},
			warning:
				problem === undefined
					? undefined
					: `the journal's snapshot ${snapshotFile} was not used: ${problem}. The whole journal was replayed instead (slower, nothing lost); the next exit writes a new snapshot.`,
			replayedRecords: parsed.records.length,
			fromSnapshot: false,
		};
	} finally {
		await handle?.close();
	}
}

async function replayTail(handle: Handle, size: number, snapshot: SnapshotFile): Promise<Replayed> {
	const base = decodeState(snapshot.state);
	const {bytes, lines} = snapshot.journal;
	const tail = await readRange(handle, bytes, size);
	const parsed = parseJournalBytes(tail);
	const lineOf = (index: number) => lines + (parsed.recordLines?.[index] ?? index + 1);
	const folded = foldRecords(base, parsed.records, lineOf);
	const tailProblems = parsed.problems.map((problem) => ({...problem, line: problem.line + lines}));
	return {
		state: folded.state,
		problems: [...snapshot.problems, ...tailProblems, ...folded.rejected],
		cover: {bytes: size, lines: lines + countLines(tail), ...(await windowsOf(handle, size))},
		warning: undefined,
		replayedRecords: parsed.records.length,
		fromSnapshot: true,
		olderCodec: snapshot.codec !== stateCodecVersion,
	};
}

/** Writes the snapshot of `state`, the fold of the journal's first `cover.bytes` bytes. */
export async function writeSnapshot(
	journalFile: string,
	state: SessionState,
	cover: {readonly bytes: number; readonly lines: number},
	problems: readonly JournalProblem[],
): Promise<void> {
	const handle = await open(journalFile, 'r');
	let windows: {head: string; end: string};
	try {
		windows = await windowsOf(handle, cover.bytes);
	} finally {
		await handle.close();
	}

	// The JSON line, then the number columns' bytes (see core/state-blocks).
	const {state: encoded, table, blocks} = encodeStateWithBlocks(state);
	const file = {
		format: snapshotFormat,
		codec: stateCodecVersion,
		journal: {bytes: cover.bytes, lines: cover.lines, ...windows},
		lastSeq: state.lastSeq,
		problems,
		blocks: table,
		state: encoded,
	};
	// The catalog, the maps and the columns left in JSON are made in runs as they are written
	// (snapshotParts), never held as arrays nor as one string of megabytes.
	const target = snapshotPathOf(journalFile);
	await mkdir(path.dirname(target), {recursive: true});
	await writePartsAtomically(target, snapshotParts(file, table, blocks));
}
