import {escapeControl} from '../core/escape.js';
import type {SessionStore} from '../session/session-store.js';
import {describeCommit, executeCommit, recoverCommit, restoreMoved} from '../store/commit/index.js';
import type {CommitEvent, CommitReport} from '../store/commit/types.js';

/** Journals what the mover did, through the session, so state and journal agree. */
export function recorderFor(store: SessionStore) {
	return async (event: CommitEvent): Promise<void> => {
		await store.apply({...event, time: new Date().toISOString()});
	};
}

/** Commits the store's decisions and sums up the result in one line (details in `lines`). */
export async function commitStore(
	store: SessionStore,
	dir: string,
	out: string,
): Promise<{report: CommitReport; summary: string; lines: string[]; ok: boolean}> {
	const report = await executeCommit({
		dir,
		out,
		state: store.getState(),
		record: recorderFor(store),
	});
	const lines = describeCommit(report).map((line) => escapeControl(line));
	const problems = report.skipped.length + report.failed.length;
	const ok = problems === 0 && report.stopped === undefined;
	const summary = report.stopped
		? `Commit stopped: ${escapeControl(report.stopped)}`
		: `Moved ${report.moved.length} file${report.moved.length === 1 ? '' : 's'} into class folders${problems > 0 ? `; ${problems} not moved (see imgsift commit for details)` : ''}.`;
	return {report, summary, lines, ok};
}

export async function restoreThroughStore(
	store: SessionStore,
	dir: string,
	path: string,
	movedTo: string,
): Promise<void> {
	await restoreMoved({dir, path, to: movedTo, record: recorderFor(store)});
}

/** Finishes a commit that was killed half way, if its plan is still there. Returns lines to show. */
export async function recoverInterruptedCommit(
	store: SessionStore,
	dir: string,
	out: string,
): Promise<string[]> {
	const report = await recoverCommit({
		dir,
		out,
		state: store.getState(),
		record: recorderFor(store),
	});
	if (report.planned === 0 && report.stopped === undefined) {
		return [];
	}

	return [
		`Finished an interrupted commit: ${report.moved.length} moved.`,
		...describeCommit(report).map((line) => escapeControl(line)),
	];
}
