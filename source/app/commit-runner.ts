import {stat} from 'node:fs/promises';
import {deleteEntry, getEntry, hasEntry} from '../core/persistent-map.js';
import type {SessionState} from '../core/session-state.js';
import {movedByLabel} from '../files/commit/describe.js';
import {describeCommit, executeCommit, recoverCommit, restoreMoved} from '../files/commit/index.js';
import {resolveRecordPath} from '../files/commit/paths.js';
import type {CommitEvent, CommitReport, SkippedEntry} from '../files/commit/types.js';
import type {SessionStore} from '../session/session-store.js';
import {escapeControl} from '../shared/escape.js';

/** Journals what the mover did, through the session, so state and journal agree. */
export function recorderFor(store: SessionStore) {
	return async (event: CommitEvent): Promise<void> => {
		await store.apply({...event, time: new Date().toISOString()});
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
	/** Images another person also voted on: left in place, counted in the summary. */
	readonly heldBack?: ReadonlySet<string>;
};

/** The state without the decisions on held-back images, so the plan never moves them. */
function withoutHeldBack(state: SessionState, heldBack: ReadonlySet<string> | undefined) {
	if (heldBack === undefined || heldBack.size === 0) {
		return {state, kept: 0};
	}

	let decisions = state.decisions;
	let kept = 0;
	for (const item of heldBack) {
		if (hasEntry(decisions, item)) {
			decisions = deleteEntry(decisions, item);
			kept++;
		}
	}

	return {state: {...state, decisions}, kept};
}

/**
Commits the store's decisions and sums up the result in one line (details in `lines`). Each file
found changed or missing since its decision gets a `reopen` record: undecided again.
*/
export async function commitStore(
	store: SessionStore,
	dir: string,
	out: string,
	options: CommitStoreOptions,
): Promise<{report: CommitReport; summary: string; lines: string[]; ok: boolean}> {
	const {state, kept} = withoutHeldBack(store.getState(), options.heldBack);
	const report = await executeCommit({dir, out, state, record: recorderFor(store)});
	await reopenSetAside(store, dir, state, report.skipped, options.onSetAside);
	const lines = describeCommit(report, {dir, headline: false}).map((line) => escapeControl(line));
	const setAside = report.skipped.length;
	const failed = report.failed.length;
	const ok = setAside + failed === 0 && report.stopped === undefined;
	const shared =
		kept === 0
			? ''
			: ` ${plural(kept, 'image')} another person also voted on stayed in place: the team's final label decides those (imgsift export --overlap N).`;
	return {report, summary: `${commitSummary(report, options.detailsWhere)}${shared}`, lines, ok};
}

/** The one line that sums up a commit: what moved (per class), what did not, or why it stopped. */
function commitSummary(report: CommitReport, detailsWhere: string): string {
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
		return 'Nothing to commit: every decided file is in its class folder.';
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
): Promise<string[]> {
	const state = store.getState();
	const report = await recoverCommit({dir, out, state, record: recorderFor(store)});
	await reopenSetAside(store, dir, state, report.skipped, undefined);
	if (report.planned === 0 && report.stopped === undefined) {
		return [];
	}

	return [
		`Finished an interrupted commit: ${report.moved.length} moved.`,
		...describeCommit(report, {dir}).map((line) => escapeControl(line)),
	];
}
