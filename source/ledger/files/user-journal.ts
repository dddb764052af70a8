/**
One user's own journal on this machine: their lock (one writing session per user, so several people
can label one folder at once) and their append-only records. Both adapters write here first.
*/
import path from 'node:path';
import type {JournalRecord} from '../../core/journal-record.js';
import {journalName, journalPath, labelsDir} from '../../store/paths.js';
import {type JournalWriter, openJournalWriter} from './journal-file.js';
import {acquireLock, type Lock, type LockPurpose, releaseLockSync} from './lock.js';

export type UserJournal = {
	readonly file: string;
	readonly lock: Lock;
	readonly writer: JournalWriter;
	/**
	Worded for a person: a torn last line set aside at open, and where it went. The records are not
	read here: each adapter reads them once, as it needs them (see journal-stream.ts).
	*/
	readonly warnings: readonly string[];
	append(record: JournalRecord): Promise<void>;
	close(): Promise<void>;
};

/** Where a user's lock lives: `.labels/users/<user>.lock`. */
export function userLockPath(dataset: string, user: string): string {
	return path.join(labelsDir(dataset), 'users', `${journalName(user)}.lock`);
}

export async function openUserJournal(
	dataset: string,
	user: string,
	purpose: LockPurpose = 'label',
): Promise<UserJournal> {
	const lock = await acquireLock(labelsDir(dataset), user, {
		file: userLockPath(dataset, user),
		purpose,
	});
	// A crash must not leave this user locked out: release synchronously on any exit.
	const releaseOnExit = () => releaseLockSync(lock);
	process.on('exit', releaseOnExit);
	const file = journalPath(dataset, user);
	let writer: JournalWriter;
	try {
		writer = await openJournalWriter(file);
	} catch (error) {
		process.off('exit', releaseOnExit);
		await lock.release();
		throw error;
	}

	const torn = writer.tornTail;
	const warnings =
		torn === undefined
			? []
			: [
					`the journal's last line was cut short by a crash; its ${torn.bytes} bytes were saved to ${torn.savedTo}`,
				];
	let closing: Promise<void> | undefined;
	return {
		file,
		lock,
		writer,
		warnings,
		append: (record) => writer.append(record),
		close() {
			closing ??= (async () => {
				try {
					await writer.close();
				} finally {
					process.off('exit', releaseOnExit);
					await lock.release();
				}
			})();
			return closing;
		},
	};
}
