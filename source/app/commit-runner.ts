import {access, stat} from 'node:fs/promises';
import path from 'node:path';
import {type CommitHeld, nothingHeld} from '../core/agreement/commit-state.js';
import {beginEdit, getEntry} from '../core/persistent-map.js';
import type {SessionState} from '../core/session-state.js';
import {movedByLabel} from '../files/commit/describe.js';
import {
	describeCommit,
	executeCommit,
	planFilePath,
	recoverCommit,
	restoreMoved,
} from '../files/commit/index.js';
import {resolveRecordPath} from '../files/commit/paths.js';
import {restoreIntentPath} from '../files/commit/restore-intent.js';
import type {CommitEvent, CommitReport, SkippedEntry} from '../files/commit/types.js';
import {acquireLock} from '../ledger/files/lock.js';
import type {SessionStore} from '../session/session-store.js';
import {escapeControl} from '../shared/escape.js';
import {isUserError, UserError} from '../shared/user-error.js';
import {labelsDir} from '../store/paths.js';
import type {TeamCommitPlan} from './team-commit.js';

/** One commit at a time on a folder, whoever runs it: they share the plan and the files. */
export function commitLockPath(dir: string): string {
	return path.join(labelsDir(dir), 'commit.lock');
}

/**
Journals what the mover did, through the session, so state and journal agree. All of one
commit's records go under one batch token: each moved file changes the `moved` map in place
instead of copying a bucket of it and the bucket array (90k copies was 200 MB of garbage).
*/
export function recorderFor(store: SessionStore) {
	const edit = beginEdit();
	return async (event: CommitEvent): Promise<void> => {
		await store.apply({...event, time: new Date().toISOString()}, edit);
	};
}

async function sizeAndTime(file: string): Promise<{size?: number; mtimeMs?: number}> {
	try {
		const found = await stat(file);
		return {size: found.size, mtimeMs: found.mtimeMs};
	} catch {
		// Gone again since the commit looked: the reopen stands without a stat.
		return {};
	}
}

/**
Sets aside the decision of each file the commit found changed or missing: one `reopen` record
each, journaled before the state shows it, so the labeling loop shows the file again and the next
commit does not report it again. A decision made again while the commit ran is left alone.
*/
async function reopenSetAside(
	store: SessionStore,
	dir: string,
	decidedBefore: SessionState,
	setAside: readonly SkippedEntry[],
	onSetAside: ((path: string) => void) | undefined,
): Promise<void> {
	for (const entry of setAside) {
		// Before the state shows it again: what was cached about the old file must not show.
		onSetAside?.(entry.path);
		const seen = getEntry(decidedBefore.decisions, entry.path)?.seq;
		const stats =
			entry.reason === 'changed' ? await sizeAndTime(resolveRecordPath(dir, entry.path)) : {};
		await store.apply((state) =>
			seen !== undefined && getEntry(state.decisions, entry.path)?.seq === seen
				? {
						type: 'reopen',
						time: new Date().toISOString(),
						path: entry.path,
						reason: entry.reason,
						...stats,
					}
				: undefined,
		);
	}
}

function plural(count: number, noun: string): string {
	return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

export type CommitStoreOptions = {
	/** Called for each file set aside to label again, before the session shows it undecided. */
	readonly onSetAside?: (path: string) => void;
	/** Where the caller shows the per-file lines, for the summary to point at. */
	readonly detailsWhere: string;
	/**
	The team's plan (see team-commit.ts): what moves goes by everyone's final labels, and items
	held, contested or still waiting for votes stay. Without it, this store's own decisions move.
	*/
	readonly team?: () => Promise<TeamCommitPlan>;
};

/** Why items stayed in place, for the summary: empty when none did. */
function heldText(held: CommitHeld): string {
	const parts = [
		held.claimed > 0 ? `${held.claimed} held by a labeler right now (moved once let go)` : '',
		held.contested > 0
			? `${held.contested} contested (imgsift label --adjudicate settles them)`
			: '',
		held.pending > 0 ? `${held.pending} still waiting for votes` : '',
	].filter((part) => part !== '');
	return parts.length === 0 ? '' : ` Left in place: ${parts.join(', ')}.`;
}

/**
Commits the final labels (the team's, or this store's own decisions) and sums up the result in one
line (details in `lines`). Each of this user's files found changed or missing since its decision
gets a `reopen` record: undecided again. One commit at a time per folder (`.labels/commit.lock`).
*/
export async function commitStore(
	store: SessionStore,
	dir: string,
	out: string,
	options: CommitStoreOptions,
): Promise<{report: CommitReport; summary: string; lines: string[]; ok: boolean}> {
	const lock = await acquireLock(labelsDir(dir), undefined, {
		file: commitLockPath(dir),
		purpose: 'commit',
	}).catch((error: unknown) => {
		// Held by a live commit (a lock that cannot be made at all has its own cause and words).
		throw isUserError(error) && error.cause === undefined
			? new UserError(
					`another commit is moving files in ${escapeControl(dir)} now, so this one waits: commit again when it is done. (${error.message})`,
					{cause: error},
				)
			: error;
	});
	try {
		const own = store.getState();
		const {state, held} = options.team ? await options.team() : {state: own, held: nothingHeld};
		const report = await executeCommit({dir, out, state, record: recorderFor(store)});
		await reopenSetAside(store, dir, own, report.skipped, options.onSetAside);
		const lines = describeCommit(report, {dir, headline: false}).map((line) => escapeControl(line));
		const setAside = report.skipped.length;
		const failed = report.failed.length;
		const ok = setAside + failed === 0 && report.stopped === undefined;
		const summary = `${commitSummary(report, options.detailsWhere, held)}${heldText(held)}`;
		return {report, summary, lines, ok};
	} finally {
		await lock.release();
	}
}

/** The one line that sums up a commit: what moved (per class), what did not, or why it stopped. */
function commitSummary(report: CommitReport, detailsWhere: string, held: CommitHeld): string {
	const moved = report.moved.length;
	const perClass = moved > 0 ? ` (${movedByLabel(report)})` : '';
	const recovered = report.moved.filter((entry) => entry.recovered).length;
	const finished = recovered > 0 ? `, ${recovered} of them finishing an interrupted commit` : '';
	if (report.stopped !== undefined) {
		const before = moved > 0 ? ` after moving ${plural(moved, 'file')}${perClass}` : '';
		return `Commit stopped${before}: ${escapeControl(report.stopped)}.`;
	}

	const setAside = report.skipped.length;
	const failed = report.failed.length;
	if (moved + setAside + failed === 0) {
		return held === nothingHeld || held.claimed + held.contested + held.pending === 0
			? 'Nothing to commit: every decided file is in its class folder.'
			: 'Nothing moved.';
	}

	return `Moved ${plural(moved, 'file')} into class folders${perClass}${finished}${setAside > 0 ? `; ${setAside} changed or missing, set aside to label again` : ''}${failed > 0 ? `; ${failed} not moved (details ${detailsWhere})` : ''}.`;
}

export async function restoreThroughStore(
	store: SessionStore,
	dir: string,
	path: string,
	movedTo: string,
): Promise<void> {
	const decision = getEntry(store.getState().decisions, path);
	await restoreMoved({
		dir,
		path,
		to: movedTo,
		record: recorderFor(store),
		...(decision === undefined ? {} : {decided: decision}),
	});
}

/** Finishes a commit that was killed half way, if its plan is still there. Returns lines to show. */
export async function recoverInterruptedCommit(
	store: SessionStore,
	dir: string,
	out: string,
	team?: () => Promise<TeamCommitPlan>,
): Promise<string[]> {
	// Most starts have nothing to finish: no need to read everyone's journals then.
	const left = await Promise.all(
		[planFilePath(dir), restoreIntentPath(dir)].map((file) =>
			access(file).then(
				() => true,
				() => false,
			),
		),
	);
	if (!left.includes(true)) {
		return [];
	}

	let lock: Awaited<ReturnType<typeof acquireLock>>;
	try {
		lock = await acquireLock(labelsDir(dir), undefined, {
			file: commitLockPath(dir),
			purpose: 'commit',
		});
	} catch (error) {
		// Another person's commit is running: it finishes its own plan.
		if (isUserError(error)) return [];
		throw error;
	}

	let report: CommitReport;
	try {
		const own = store.getState();
		// A team's plan names images others decided: their votes say whether each still goes.
		const state = team ? (await team()).state : own;
		report = await recoverCommit({dir, out, state, record: recorderFor(store)});
		await reopenSetAside(store, dir, own, report.skipped, undefined);
	} finally {
		await lock.release();
	}

	if (report.planned === 0 && report.stopped === undefined) {
		return [];
	}

	return [
		`Finished an interrupted commit: ${report.moved.length} moved.`,
		...describeCommit(report, {dir}).map((line) => escapeControl(line)),
	];
}
