import {stat} from 'node:fs/promises';
import path from 'node:path';
import {settleCursor} from '../core/fold.js';
import type {SessionState} from '../core/session-state.js';
import {createSessionStore, type SessionStore} from '../session/session-store.js';
import {type JournalWriter, openJournalWriter} from '../store/journal-file.js';
import {replayJournal} from '../store/journal-snapshot.js';
import {acquireLock, type Lock, releaseLockSync} from '../store/lock.js';
import {defaultUser, journalPath, labelsDir, projectPath} from '../store/paths.js';
import {
	loadProject,
	type ProjectConfig,
	type ProjectFlags,
	resolveOut,
	resolveProject,
} from '../store/project-config.js';
import {keepSnapshots} from '../store/snapshot-keeper.js';
import {UserError} from '../store/user-error.js';

export type Dataset = {
	readonly dir: string;
	readonly out: string;
	readonly config: ProjectConfig;
	readonly user: string;
	readonly journalFile: string;
	readonly state: SessionState;
	/** Lines worth telling the user: corrupt journal lines, a torn tail that was set aside. */
	readonly warnings: readonly string[];
};

export type WritableDataset = Dataset & {
	readonly store: SessionStore;
	readonly writer: JournalWriter;
	readonly lock: Lock;
	/** Flushes the journal and releases the lock. */
	close(): Promise<void>;
};

export async function datasetFolder(dirArgument: string): Promise<string> {
	const dir = path.resolve(dirArgument);
	let found: Awaited<ReturnType<typeof stat>>;
	try {
		found = await stat(dir);
	} catch (error) {
		throw new UserError(`${dirArgument} does not exist. Give the folder that holds your images.`, {
			cause: error,
		});
	}

	if (!found.isDirectory()) {
		throw new UserError(`${dirArgument} is not a folder. Give the folder that holds your images.`);
	}

	return dir;
}

async function projectOf(dir: string, flags: ProjectFlags | undefined): Promise<ProjectConfig> {
	if (flags) {
		const defaults = {out: 'labeled', order: 'path' as const, seed: 1, user: defaultUser()};
		return (await resolveProject(dir, flags, defaults)).config;
	}

	const saved = await loadProject(dir);
	if (!saved) {
		throw new UserError(
			`${dir} has no imgsift project (${projectPath(dir)} is missing). Start one with: imgsift label ${dir} --classes photo,screenshot`,
		);
	}

	return saved;
}

async function foldFile(config: ProjectConfig, file: string) {
	const replayed = await replayJournal(file, config.classes);
	const skipped = [...replayed.problems]
		.sort((left, right) => left.line - right.line)
		.map((problem) => `line ${problem.line} (${problem.reason})`);
	// One warning, whole: the labeling screen shows only the first.
	const warnings =
		skipped.length === 0
			? []
			: [
					`the journal ${file} has ${skipped.length === 1 ? 'a line' : `${skipped.length} lines`} imgsift cannot use, skipped: ${skipped.join(', ')}. Every other record was replayed; an image whose decision was on a skipped line comes back undecided, so label it again. The journal is never rewritten: remove those lines by hand to end this warning.`,
				];
	if (replayed.warning !== undefined) {
		warnings.push(replayed.warning);
	}

	return {state: settleCursor(replayed.state), warnings, replayed};
}

/** Reads a dataset's project and journal without taking the lock: for `status`. */
export async function readDataset(dirArgument: string, user?: string): Promise<Dataset> {
	const dir = await datasetFolder(dirArgument);
	const config = await projectOf(dir, undefined);
	const who = user ?? config.user;
	const journalFile = journalPath(dir, who);
	const {state, warnings} = await foldFile(config, journalFile);
	return {dir, out: resolveOut(dir, config), config, user: who, journalFile, state, warnings};
}

/**
Opens a dataset to change it: takes the lock (one writer at a time), repairs a torn journal tail,
replays the journal, and returns a store whose every action is journaled before it shows.
With `flags` the project is created on first use (label); without, it must exist (commit).
*/
export async function openDataset(
	dirArgument: string,
	flags: ProjectFlags | undefined,
	user?: string,
): Promise<WritableDataset> {
	const dir = await datasetFolder(dirArgument);
	const config = await projectOf(dir, flags);
	const who = user ?? config.user;
	const lock = await acquireLock(labelsDir(dir), who);
	// A crash must not leave the folder locked: release synchronously on any exit.
	const releaseOnExit = () => releaseLockSync(lock);
	process.on('exit', releaseOnExit);
	try {
		const journalFile = journalPath(dir, who);
		const writer = await openJournalWriter(journalFile);
		const {state, warnings, replayed} = await foldFile(config, journalFile);
		const snapshots = keepSnapshots({
			journalFile,
			state: replayed.state,
			cover: replayed.cover,
			problems: replayed.problems,
			current: replayed.fromSnapshot && replayed.replayedRecords === 0,
			sync: async () => writer.sync(),
		});
		if (writer.tornTail) {
			warnings.unshift(
				`the journal's last line was cut short by a crash; its ${writer.tornTail.bytes} bytes were saved to ${writer.tornTail.savedTo}`,
			);
		}

		const store = createSessionStore(state, {
			async append(record) {
				await writer.append(record);
				snapshots.recorded(record);
			},
		});
		return {
			dir,
			out: resolveOut(dir, config),
			config,
			user: who,
			journalFile,
			state,
			warnings,
			store,
			writer,
			lock,
			async close() {
				try {
					// The journal alone has everything: a snapshot that cannot be written only costs time.
					await snapshots.flush().catch(() => undefined);
					await writer.close();
				} finally {
					process.off('exit', releaseOnExit);
					await lock.release();
				}
			},
		};
	} catch (error) {
		process.off('exit', releaseOnExit);
		await lock.release();
		throw error;
	}
}
