import path from 'node:path';
import {hashPossibleCopies, sharedHashes} from './content-hashes.js';
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
	SkippedEntry,
} from './types.js';

/**
The plan of what the recovery left: exact copies decided apart are found by content, so a training
set never holds one twice. Only the hashes of copies reach the plan, and none outlives it (100k
hashes were held through every move).
*/
async function planAfter(
	dir: string,
	options: CommitOptions,
	settled: ReadonlyArray<{readonly path: string}>,
): Promise<CommitPlan> {
	const exclude = new Set(settled.map((entry) => entry.path));
	const {hashes} = await hashPossibleCopies({dir, state: options.state, exclude});
	const contents = sharedHashes(hashes);
	return planCommit({dir, out: options.out, state: options.state, exclude, contents});
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
	const plan = await planAfter(dir, options, [...moved, ...skipped, ...failed]);
	failed.push(...plan.rejected);
	const planned = recovery.planned + plan.rejected.length + plan.entries.length;
	if (plan.entries.length === 0) {
		return {planned, moved, skipped, failed};
	}

	try {
		await writePlanFile(dir, plan.entries);
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
	for (const [index, entry] of plan.entries.entries()) {
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

		options.onProgress?.({done: index + 1, total: plan.entries.length, path: entry.path});
	}

	if (settled) {
		// A plan that outlives its commit is harmless: recovery finds every entry settled.
		await removePlanFile(dir).catch(() => undefined);
	}

	return {planned, moved, skipped, failed};
}
