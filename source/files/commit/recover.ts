import type {Stats} from 'node:fs';
import {readdir, stat} from 'node:fs/promises';
import path from 'node:path';
import {getEntry, hasEntry, entries as mapEntries} from '../../core/persistent-map.js';
import type {SessionState} from '../../core/session-state.js';
import {errorCode, lstatIfPresent, removeIfPresent, withDefaults} from './file-ops.js';
import type {MoveOptions} from './move-file.js';
import {hashedNamePattern, partialSuffix, recordPathOf, resolveRecordPath} from './paths.js';
import {readPlanFile, removePlanFile} from './plan-file.js';
import {recoverRestore} from './restore-intent.js';
import {
	type EntryOutcome,
	failedOutcome,
	failureReason,
	moveIfUnchanged,
	recordMove,
	skippedOutcome,
} from './settle.js';
import type {
	CommitOptions,
	CommitReport,
	FailedEntry,
	FileOps,
	MovedEntry,
	PlanEntry,
	SkippedEntry,
} from './types.js';

// FAT keeps modification times to 2 s, so a copy there can differ from the original by that much.
const mtimeTolerance = 2000;

async function statIfPresent(filePath: string): Promise<Stats | undefined> {
	try {
		return await stat(filePath);
	} catch (error) {
		if (errorCode(error) === 'ENOENT') {
			return undefined;
		}

		throw error;
	}
}

async function namesIn(folder: string): Promise<string[]> {
	try {
		return await readdir(folder);
	} catch (error) {
		if (errorCode(error) === 'ENOENT') {
			return [];
		}

		throw error;
	}
}

/** Every `.imgsift-partial` is a copy of ours cut short: remove it so the move starts over. */
async function removeLeftoverPartials(
	dir: string,
	plan: readonly PlanEntry[],
	ops: FileOps,
): Promise<void> {
	const folders = new Set(plan.map((entry) => path.dirname(resolveRecordPath(dir, entry.to))));
	for (const folder of folders) {
		for (const name of await namesIn(folder)) {
			if (name.endsWith(partialSuffix)) {
				await removeIfPresent(path.join(folder, name), ops);
			}
		}
	}
}

/** Where a source that is gone went: the planned name or a hashed one, holding the decided file. */
async function findMovedFile(
	dir: string,
	entry: PlanEntry,
	claimed: ReadonlySet<string>,
): Promise<string | undefined> {
	const planned = resolveRecordPath(dir, entry.to);
	const folder = path.dirname(planned);
	const pattern = hashedNamePattern(path.basename(planned));
	const hashed = (await namesIn(folder)).filter((name) => pattern.test(name)).sort();
	for (const candidate of [planned, ...hashed.map((name) => path.join(folder, name))]) {
		const recordPath = recordPathOf(dir, candidate);
		const stats = claimed.has(recordPath) ? undefined : await lstatIfPresent(candidate);
		if (
			stats?.isFile() &&
			stats.size === entry.size &&
			Math.abs(stats.mtimeMs - entry.mtimeMs) <= mtimeTolerance
		) {
			return recordPath;
		}
	}

	return undefined;
}

/** Finishes one entry of an interrupted commit. Undefined: no longer this plan's business. */
async function recoverEntry(
	dir: string,
	entry: PlanEntry,
	state: SessionState,
	claimed: ReadonlySet<string>,
	options: MoveOptions,
): Promise<EntryOutcome | undefined> {
	try {
		const source = resolveRecordPath(dir, entry.path);
		const stats = await statIfPresent(source);
		if (stats === undefined) {
			const found = await findMovedFile(dir, entry, claimed);
			return found === undefined
				? skippedOutcome(entry, 'missing', `the file is gone, and not found under ${entry.to}`)
				: {kind: 'moved', to: found};
		}

		const decision = getEntry(state.decisions, entry.path);
		if (decision?.label !== entry.label) {
			// Undone or relabeled since the plan was written: a fresh plan decides.
			return undefined;
		}

		return await moveIfUnchanged(dir, entry, decision, stats, options);
	} catch (error) {
		return failedOutcome(entry, error);
	}
}

const nothingToRecover: CommitReport = {planned: 0, moved: [], skipped: [], failed: []};

/**
Finishes the commit that `.labels/commit-plan.json` describes, after a kill or crash. Idempotent:
a file moved but not recorded is recorded, one under two names loses its source name, a partial
copy is removed and redone, and files not touched yet are moved. Nothing is lost or doubled.
An undo's move back cut short (`.labels/restore-intent.json`) is put right first.
*/
export async function recoverCommit(options: CommitOptions): Promise<CommitReport> {
	const dir = path.resolve(options.dir);
	const ops = withDefaults(options.ops);
	let plan: readonly PlanEntry[] | undefined;
	try {
		await recoverRestore({dir, state: options.state, ops});
		plan = await readPlanFile(dir);
		if (plan === undefined) {
			return nothingToRecover;
		}

		await removeLeftoverPartials(dir, plan, ops);
	} catch (error) {
		return {
			...nothingToRecover,
			stopped: `an interrupted commit cannot be finished: ${failureReason(error)}. The plan lists its moves; check them, move the plan aside, and commit again`,
		};
	}

	const {state, record} = options;
	const claimed = new Set([...mapEntries(state.moved)].map(([, to]) => to));
	const moved: MovedEntry[] = [];
	const skipped: SkippedEntry[] = [];
	const failed: FailedEntry[] = [];
	let settled = true;
	for (const [index, entry] of plan.entries()) {
		const outcome = hasEntry(state.moved, entry.path)
			? undefined
			: await recoverEntry(dir, entry, state, claimed, {ops, adoptEqualContent: true});
		if (outcome?.kind === 'moved') {
			await recordMove(record, entry, outcome.to);
			claimed.add(outcome.to);
			moved.push({path: entry.path, to: outcome.to, label: entry.label, recovered: true});
		} else if (outcome?.kind === 'skipped') {
			skipped.push(outcome.entry);
		} else if (outcome?.kind === 'failed') {
			failed.push(outcome.entry);
			settled &&= outcome.settled;
		}

		options.onProgress?.({done: index + 1, total: plan.length, path: entry.path});
	}

	const report = {planned: moved.length + skipped.length + failed.length, moved, skipped, failed};
	if (!settled) {
		return {
			...report,
			stopped:
				'an interrupted commit could not be finished (see the failures above); .labels/commit-plan.json stays, and the next commit tries again',
		};
	}

	// A plan that outlives its commit is harmless: recovery finds every entry settled.
	await removePlanFile(dir).catch(() => undefined);
	return report;
}
