import {stat} from 'node:fs/promises';
import path from 'node:path';
import {foldJournal, settleCursor} from '../core/fold.js';
import type {JournalProblem} from '../core/journal-parse.js';
import {initialState, type SessionState} from '../core/session-state.js';
import type {FilesLedger, StateReplay} from '../ledger/files/files-ledger.js';
import {replayJournal} from '../ledger/files/journal-snapshot.js';
import type {LabelingMode, Ledger, LedgerReplay} from '../ledger/ledger.js';
import {databaseUrlFrom, openLedger} from '../ledger/open-ledger.js';
import {adjudicatingSink} from '../session/adjudication.js';
import {createSessionStore, type SessionStore} from '../session/session-store.js';
import {escapeControl} from '../shared/escape.js';
import {UserError} from '../shared/user-error.js';
import {checkOutFolder} from '../store/out-folder.js';
import {refuseLinkedLabels} from '../store/own-folder.js';
import {defaultUser, journalPath, projectPath} from '../store/paths.js';
import {
	loadProject,
	type ProjectConfig,
	type ProjectFlags,
	resolveOut,
	resolveProject,
} from '../store/project-config.js';
import {resolveOverlap} from '../store/team-config.js';

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
	/** Where this session's decisions go. */
	readonly ledger: Ledger;
	/** Exclusive, or overlap with the votes asked (from --overlap, or as the folder saved it). */
	readonly mode: LabelingMode;
	/** Flushes the journal and releases the lock. */
	close(): Promise<void>;
};

/** `--db` and `--overlap`: where a team's decisions live, and how many people decide each image. */
export type TeamFlags = {
	readonly db?: string | undefined;
	readonly overlap?: number | undefined;
	/** The dataset's name in a shared database, when not its folder (an S3 prefix's URL). */
	readonly key?: string | undefined;
};

export function labelingMode(overlap: number | undefined): LabelingMode {
	if (overlap === undefined || overlap === 1) {
		return {kind: 'exclusive'};
	}

	if (!Number.isInteger(overlap) || overlap < 2 || overlap > 9) {
		throw new UserError(
			`--overlap ${overlap} is not a number of people from 2 to 9. Give, for example, --overlap 3 (or leave it out: each image decided by one person).`,
		);
	}

	return {kind: 'overlap', votes: overlap};
}

export async function datasetFolder(dirArgument: string): Promise<string> {
	const dir = path.resolve(dirArgument);
	let found: Awaited<ReturnType<typeof stat>>;
	try {
		found = await stat(dir);
	} catch (error) {
		throw new UserError(
			`${escapeControl(dirArgument)} does not exist. Give the folder that holds your images.`,
			{cause: error},
		);
	}

	if (!found.isDirectory()) {
		throw new UserError(
			`${escapeControl(dirArgument)} is not a folder. Give the folder that holds your images.`,
		);
	}

	// Everything imgsift writes goes under .labels: a link there would send it elsewhere.
	await refuseLinkedLabels(dir);
	return dir;
}

async function projectOf(dir: string, flags: ProjectFlags | undefined): Promise<ProjectConfig> {
	if (flags) {
		const defaults = {out: 'labeled', order: 'path' as const, seed: 1, user: defaultUser()};
		const {config} = await resolveProject(dir, flags, defaults);
		// Checked on every start too: a project saved by an older imgsift or edited by hand.
		await checkOutFolder(dir, config.out);
		return config;
	}

	const saved = await loadProject(dir);
	if (!saved) {
		const shown = escapeControl(dir);
		throw new UserError(
			`${shown} has no imgsift project (${escapeControl(projectPath(dir))} is missing). Start one with: imgsift label ${shown} --classes photo,screenshot`,
		);
	}

	await checkOutFolder(dir, saved.out);
	return saved;
}

/** One warning, whole, for the lines that could not be used: the screen shows only the first. */
function problemWarnings(
	problems: readonly JournalProblem[],
	replayWarnings: readonly string[],
	where: string,
): string[] {
	const skipped = [...problems]
		.sort((left, right) => left.line - right.line)
		.map((problem) => `line ${problem.line} (${problem.reason})`);
	// The skipped lines first: they can cost decisions, the others (a torn tail set aside, a
	// snapshot not used) cost nothing.
	return skipped.length === 0
		? [...replayWarnings]
		: [
				`the journal ${where} has ${skipped.length === 1 ? 'a line' : `${skipped.length} lines`} imgsift cannot use, skipped: ${skipped.join(', ')}. Every other record was replayed; an image whose decision was on a skipped line comes back undecided, so label it again. The journal is never rewritten: remove those lines by hand to end this warning.`,
				...replayWarnings,
			];
}

/** A replay from the journal's snapshot plus its tail (the files ledger). */
function settledReplay(replay: StateReplay, where: string) {
	return {
		state: settleCursor(replay.state),
		warnings: problemWarnings(replay.problems, replay.warnings, where),
	};
}

/** A whole replay, folded (the PostgreSQL adapter, which keeps no snapshot). */
function foldReplay(config: ProjectConfig, replay: LedgerReplay, where: string) {
	const folded = foldJournal(initialState(config.classes), replay.records, replay.lineOf);
	return {
		state: folded.state,
		warnings: problemWarnings([...replay.problems, ...folded.rejected], replay.warnings, where),
	};
}

const hasSnapshots = (ledger: Ledger): ledger is FilesLedger => 'replayState' in ledger;

/** Reads a dataset's project and journal without taking the lock: for `status`. */
export async function readDataset(dirArgument: string, user?: string): Promise<Dataset> {
	const dir = await datasetFolder(dirArgument);
	const config = await projectOf(dir, undefined);
	const who = user ?? config.user;
	const journalFile = journalPath(dir, who);
	const replayed = await replayJournal(journalFile, config.classes);
	const {state, warnings} = settledReplay(
		{...replayed, warnings: replayed.warning === undefined ? [] : [replayed.warning]},
		journalFile,
	);
	return {dir, out: resolveOut(dir, config), config, user: who, journalFile, state, warnings};
}

/**
Opens a dataset to change it: takes the lock (one writer at a time), repairs a torn journal tail,
replays the journal, and returns a store whose every action is journaled before it shows.
With `flags` the project is created on first use (label); without, it must exist (commit).
An adjudicator's decisions are journaled as final (`origin: "adjudicated"`).
*/
export async function openDataset(
	dirArgument: string,
	flags: ProjectFlags | undefined,
	user?: string,
	team: TeamFlags & {readonly adjudicating?: boolean} = {},
): Promise<WritableDataset> {
	const dir = await datasetFolder(dirArgument);
	const config = await projectOf(dir, flags);
	const who = user ?? config.user;
	const db = databaseUrlFrom(team.db);
	// On this box the folder remembers its overlap; a database keeps its own (see datasetRow).
	const overlap =
		db === undefined
			? await resolveOverlap(dir, team.overlap, {save: flags !== undefined})
			: team.overlap;
	const mode = labelingMode(overlap);
	const ledger = await openLedger({
		dataset: dir,
		user: who,
		mode,
		db,
		...(team.key === undefined ? {} : {key: team.key}),
		// Without flags the project must exist: that is a commit.
		purpose: flags === undefined ? 'commit' : 'label',
	});
	try {
		// The files adapter resumes from its snapshot; the database's records are folded whole.
		const {state, warnings} = hasSnapshots(ledger)
			? settledReplay(await ledger.replayState(config.classes), ledger.where)
			: foldReplay(config, await ledger.replay(), ledger.where);
		const store = createSessionStore(
			state,
			team.adjudicating === true ? adjudicatingSink(ledger) : ledger,
		);
		return {
			dir,
			out: resolveOut(dir, config),
			config,
			user: who,
			journalFile: ledger.where,
			state,
			warnings,
			store,
			ledger,
			mode,
			close: async () => ledger.close(),
		};
	} catch (error) {
		await ledger.close();
		throw error;
	}
}
