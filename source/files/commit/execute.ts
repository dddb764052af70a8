import path from 'node:path';
import {hashPossibleCopies} from './content-hashes.js';
import {withDefaults} from './file-ops.js';
import {planCommit} from './plan.js';
import {planFilePath, removePlanFile, writePlanFile} from './plan-file.js';
import {recoverCommit} from './recover.js';
import {failureReason, recordMove, settleEntry} from './settle.js';
import type {
	CommitOptions,
	CommitPlan,
	CommitReport,
	FailedEntry,
	MovedEntry,
	PlanEntry,
	SkippedEntry,
} from './types.js';

/**
The plan of what the recovery left: exact copies decided apart are found by content, so a training
set never holds one twice. Only the hashes of copies reach the plan, and none outlives it (100k
hashes were held through every move). The entries come in an array of the caller's own, which it
empties as it goes.
*/
async function planAfter(
	dir: string,
	options: CommitOptions,
	settled: ReadonlyArray<{readonly path: string}>,
): Promise<{entries: PlanEntry[]; rejected: CommitPlan['rejected']}> {
	const exclude = new Set(settled.map((entry) => entry.path));
	const {hashes: contents} = await hashPossibleCopies({
		dir,
		state: options.state,
		exclude,
		copiesOnly: true,
	});
	const plan = planCommit({dir, out: options.out, state: options.state, exclude, contents});
	return {entries: [...plan.entries], rejected: plan.rejected};
}

/**
Moves every decided, not yet moved file into `<out>/<label>/` (exact copies beyond the first into
`<out>/_duplicates/<label>/`; copies labeled differently stay), after finishing any interrupted
commit. The plan is written ahead; each move is recorded (awaited) before the next one starts.
Filesystem errors are reported per file, never thrown; a failing recorder stops the commit (the
move it could not record is put back), since a move nobody records must not be followed by more.
*/
export async function executeCommit(options: CommitOptions): Promise<CommitReport> {
	const dir = path.resolve(options.dir);
	const ops = withDefaults(options.ops);
	const recovery = await recoverCommit(options);
	if (recovery.stopped !== undefined) {
		return recovery;
	}

	const moved: MovedEntry[] = [...recovery.moved];
	const skipped: SkippedEntry[] = [...recovery.skipped];
	const failed: FailedEntry[] = [...recovery.failed];
	const {entries, rejected} = await planAfter(dir, options, [...moved, ...skipped, ...failed]);
	failed.push(...rejected);
	const total = entries.length;
	const planned = recovery.planned + rejected.length + total;
	if (total === 0) {
		return {planned, moved, skipped, failed};
	}

	try {
		await writePlanFile(dir, entries);
	} catch (error) {
		return {
			planned,
			moved,
			skipped,
			failed,
			stopped: `nothing was moved: the commit plan could not be written to ${planFilePath(dir)}: ${failureReason(error)}`,
		};
	}

	let settled = true;
	const roots = {dataset: dir, out: path.resolve(dir, options.out)};
	const moveOptions = {ops, adoptEqualContent: false, roots};
	// Each entry is let go once taken: the file on disk keeps the plan, and a 90k-move plan in
	// memory (~15 MB) would otherwise be held to the last move.
	const queue: Array<PlanEntry | undefined> = entries;
	for (let index = 0; index < total; index++) {
		const entry = queue[index];
		queue[index] = undefined;
		if (entry === undefined) continue;
		const outcome = await settleEntry(dir, entry, moveOptions);
		if (outcome.kind === 'moved') {
			const stopped = await recordMove(options.record, dir, entry, outcome.to, moveOptions);
			if (stopped !== undefined) {
				// The plan stays: the entries not reached are moved by the next start's recovery.
				return {planned, moved, skipped, failed, stopped};
			}

			moved.push({path: entry.path, to: outcome.to, label: entry.label, recovered: false});
		} else if (outcome.kind === 'skipped') {
			skipped.push(outcome.entry);
		} else {
			failed.push(outcome.entry);
			settled &&= outcome.settled;
		}

		options.onProgress?.({done: index + 1, total, path: entry.path});
	}

	if (settled) {
		// A plan that outlives its commit is harmless: recovery finds every entry settled.
		await removePlanFile(dir).catch(() => undefined);
	}

	return {planned, moved, skipped, failed};
}
