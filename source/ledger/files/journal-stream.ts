/**
A journal's records one by one, read in chunks: what a fold that keeps no record needs (the votes a
ledger keeps at open, a count for status). A 100k-record journal is 23 MB of JSON lines; reading it
whole held the bytes, their text and every record at once.
*/
import {open} from 'node:fs/promises';
import type {JournalRecord} from '../../core/journal-record.js';
import {describeFsError, errorCode} from '../../shared/fs-errors.js';
import {UserError} from '../../shared/user-error.js';
import {parseJournalBytes} from './journal-file.js';

const chunkBytes = 1024 * 1024;
const newline = 0x0a;

/**
Calls `onRecord` with each record of the journal, in order, as `readJournalFile` would return
them (the same lines skipped, a torn last line dropped). A missing file has no records. Lines are
parsed a chunk of whole lines at a time, so only one chunk's records are alive at once.
*/
export async function eachJournalRecord(
	file: string,
	onRecord: (record: JournalRecord) => void,
): Promise<void> {
	let handle: Awaited<ReturnType<typeof open>>;
	try {
		handle = await open(file, 'r');
	} catch (error) {
		if (errorCode(error) === 'ENOENT') return;
		throw readFailure(file, error);
	}

	try {
		let carry = Buffer.alloc(0);
		const chunk = Buffer.alloc(chunkBytes);
		for (;;) {
			const {bytesRead} = await handle.read(chunk, 0, chunk.length, null).catch((error) => {
				throw readFailure(file, error);
			});
			if (bytesRead === 0) break;
			const bytes = Buffer.concat([carry, chunk.subarray(0, bytesRead)]);
			const end = bytes.lastIndexOf(newline) + 1;
			// Whole lines only: a newline byte never occurs inside a UTF-8 sequence.
			for (const record of parseJournalBytes(bytes.subarray(0, end)).records) onRecord(record);
			carry = Buffer.from(bytes.subarray(end));
		}

		for (const record of parseJournalBytes(carry).records) onRecord(record);
	} finally {
		await handle.close();
	}
}

function readFailure(file: string, error: unknown): UserError {
	return new UserError(
		`could not read the journal ${file}: ${describeFsError(error)}. Check that it is a readable file.`,
		{cause: error},
	);
}
