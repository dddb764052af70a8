/**
This session's own claims log: every line goes through one queue (claims, renewals, releases, and
the compaction that rewrites the log), applied to the board as written. The lease is renewed while
the session lives; a log grown past `compactAfter` lines is rewritten as what it holds now.
*/
import {type FileHandle, open} from 'node:fs/promises';
import {describeFsError, writeRemedy} from '../../shared/fs-errors.js';
import {UserError} from '../../shared/user-error.js';
import type {ClaimBoard, ClaimLine} from './claim-board.js';
import {claimsLogSize, rewriteClaimsLog} from './claims-log.js';

export type OwnClaims = {
	/** Appends a line (nothing on disk when claims are not shared) and applies it to the board. */
	write(line: ClaimLine): Promise<void>;
	/** Call under the claims lock: rewrites a log longer than the limit as one line. */
	compactIfLong(): Promise<void>;
	/** Ends the claims (an `end` line) and closes the log. */
	close(): Promise<void>;
};

export type OwnClaimsOptions = {
	readonly file: string;
	readonly self: string;
	readonly board: ClaimBoard;
	readonly leaseMs: number;
	/** False on a network filesystem: one labeler alone, nothing written. */
	readonly shared: boolean;
	/** Lines after which the log is rewritten. */
	readonly compactAfter: number;
	/** Runs `work` under the claims lock. */
	readonly locked: <T>(work: () => Promise<T>) => Promise<T>;
};

export async function openOwnClaims(options: OwnClaimsOptions): Promise<OwnClaims> {
	const {file, self, board, leaseMs, shared} = options;
	// A new session starts with nothing held: what an earlier one of ours left is void, and an
	// empty log says so in no lines (readers see a new file and forget what it held).
	if (shared && (await claimsLogSize(file)) > 0) {
		await options.locked(() => rewriteClaimsLog(file, []));
	}

	let log = shared ? await open(file, 'a', 0o664) : undefined;
	/** The log's length after its last whole line: a failed append is cut back to it. */
	let size = log ? (await log.stat()).size : 0;
	let lines = 0;
	let queue: Promise<unknown> = Promise.resolve();
	const serial = <T>(work: () => Promise<T>): Promise<T> => {
		const result = queue.then(work);
		queue = result.catch(() => undefined);
		return result;
	};

	const write = (line: ClaimLine) =>
		serial(async () => {
			if (log !== undefined) {
				size = await appendWhole(log, Buffer.from(`${JSON.stringify(line)}\n`), size, file);
			}

			lines++;
			board.apply(self, line);
		});

	const renew = setInterval(() => {
		const now = Date.now();
		const held = board.held(self);
		if (held.size === 0) {
			return;
		}

		// A lease that lapsed (the process was stopped) may have been claimed by someone else.
		const line: ClaimLine = board.holds(self, [...held][0] as string, now)
			? {op: 'renew', until: now + leaseMs}
			: {op: 'end'};
		write(line).catch(() => undefined);
	}, leaseMs / 3);
	renew.unref();
	let closed = false;

	return {
		write,
		compactIfLong: () =>
			serial(async () => {
				if (log === undefined || lines < options.compactAfter) {
					return;
				}

				const now = Date.now();
				const held = [...board.held(self)];
				const live = held.length > 0 && board.holds(self, held[0] as string, now);
				const until = live ? now + leaseMs : 0;
				// Renewed as it is rewritten: one line for everything held, or none.
				const kept: ClaimLine[] = live ? [{op: 'claim', paths: held, until}] : [];
				await rewriteClaimsLog(file, kept);
				await log.close();
				log = await open(file, 'a', 0o664);
				size = (await log.stat()).size;
				lines = kept.length;
				board.apply(self, {op: 'end'});
				for (const line of kept) board.apply(self, line);
			}),
		async close() {
			if (closed) return;
			closed = true;
			clearInterval(renew);
			await write({op: 'end'}).catch(() => undefined);
			await serial(async () => {
				await log?.close();
				log = undefined;
			});
		},
	};
}

/**
Appends `data` whole, or not at all: a disk that fills mid-line writes part of it, which would
run into the next line and spoil both for every reader. Returns the log's new length.
*/
async function appendWhole(
	log: FileHandle,
	data: Buffer,
	size: number,
	file: string,
): Promise<number> {
	try {
		let written = 0;
		while (written < data.length) {
			const {bytesWritten} = await log.write(data, written, data.length - written);
			if (bytesWritten === 0) {
				throw new Error(`only ${written} of ${data.length} bytes were written`);
			}

			written += bytesWritten;
		}
	} catch (error) {
		await log.truncate(size).catch(() => undefined);
		throw new UserError(
			`could not write the claims log ${file}: ${describeFsError(error)}. ${writeRemedy(error)}.`,
			{cause: error},
		);
	}

	return size + data.length;
}
