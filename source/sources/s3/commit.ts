import type {S3Client} from '@aws-sdk/client-s3';
import {getEntry, hasEntry} from '../../core/persistent-map.js';
import type {SessionState} from '../../core/session-state.js';
import {readPlanFile, removePlanFile, writePlanFile} from '../../files/commit/plan-file.js';
import {failureReason, recordMove} from '../../files/commit/settle.js';
import type {
	CommitProgress,
	CommitRecorder,
	CommitReport,
	FailedEntry,
	MovedEntry,
	SkippedEntry,
} from '../../files/commit/types.js';
import {planS3Commit, type S3PlanEntry} from './commit-plan.js';
import {type ListedObject, listObjects} from './list.js';
import {formatS3Location, type S3Location} from './location.js';
import {findCopy, headObject, type MoveContext, moveObject} from './object-move.js';
import type {RetryOptions} from './retry.js';
import {S3RequestError} from './s3-errors.js';

export type S3CommitOptions = RetryOptions & {
	readonly client: S3Client;
	readonly location: S3Location;
	/** The local state folder of this prefix: the plan goes to its `.labels/commit-plan.json`. */
	readonly stateDir: string;
	/** Destination prefix (full key prefix, ending with `/`). */
	readonly outPrefix: string;
	readonly state: SessionState;
	readonly record: CommitRecorder;
	readonly onProgress?: (progress: CommitProgress) => void;
};

type Outcome =
	| {readonly kind: 'moved'; readonly to: string}
	| {readonly kind: 'skipped'; readonly entry: SkippedEntry}
	| {readonly kind: 'failed'; readonly entry: FailedEntry}
	| {readonly kind: 'later'};

/** Failures that stop the whole commit: the store is gone or refuses everyone. */
function stopsCommit(error: unknown): boolean {
	return error instanceof S3RequestError && error.failure.kind !== 'unreadable';
}

function isS3PlanEntry(entry: object): entry is S3PlanEntry {
	return typeof (entry as {etag?: unknown}).etag === 'string';
}

/** One entry of a leftover plan: finished, found done, or left to a fresh plan. */
async function recoverEntry(
	context: MoveContext,
	options: S3CommitOptions,
	entry: S3PlanEntry,
): Promise<Outcome> {
	const sourceKey = options.location.prefix + entry.path;
	const source = await headObject(context, sourceKey);
	if (source === undefined) {
		const found = await findCopy(context, entry);
		return found === undefined
			? {
					kind: 'skipped',
					entry: {
						path: entry.path,
						label: entry.label,
						reason: 'missing',
						detail: `the object is gone, and not found at ${entry.to}`,
					},
				}
			: {kind: 'moved', to: found};
	}

	const decision = getEntry(options.state.decisions, entry.path);
	if (decision?.label !== entry.label) {
		return {kind: 'later'}; // Undone or relabeled since the plan was written.
	}

	if (source.etag !== entry.etag) {
		return {
			kind: 'skipped',
			entry: {
				path: entry.path,
				label: entry.label,
				reason: 'changed',
				detail: 'it was replaced after it was decided',
			},
		};
	}

	return {kind: 'moved', to: await moveObject(context, entry, sourceKey)};
}

async function freshEntry(
	context: MoveContext,
	options: S3CommitOptions,
	entry: S3PlanEntry,
): Promise<Outcome> {
	return {
		kind: 'moved',
		to: await moveObject(context, entry, options.location.prefix + entry.path),
	};
}

async function listAll(options: S3CommitOptions): Promise<Map<string, ListedObject>> {
	const listed = new Map<string, ListedObject>();
	const listing = listObjects(options.client, options.location, {
		...options,
		allFiles: true,
		ignore: [options.outPrefix],
	});
	for await (const batch of listing) {
		for (const object of batch) {
			listed.set(object.path, object);
		}
	}

	return listed;
}

/**
Moves every decided object of the prefix into `<out><label>/`, finishing an interrupted commit
first: the same write-ahead plan as the local commit (`.labels/commit-plan.json` in the state
folder), each move copy → verify → delete, each recorded (awaited) before the next. A kill at
any point converges on the next run: a copy made but not verified is verified and adopted, a
source copied but not deleted is deleted, a move not recorded is recorded. A store that stops
answering stops the commit with the plan kept.
*/
export async function commitS3(options: S3CommitOptions): Promise<CommitReport> {
	const context: MoveContext = {...options, bucket: options.location.bucket};
	const moved: MovedEntry[] = [];
	const skipped: SkippedEntry[] = [];
	const failed: FailedEntry[] = [];
	let planned = 0;
	let unsettled = false;
	const where = (key: string) => formatS3Location(options.location, key);
	const run = async (
		entries: readonly S3PlanEntry[],
		recovered: boolean,
	): Promise<string | undefined> => {
		for (const [index, entry] of entries.entries()) {
			if (
				hasEntry(options.state.moved, entry.path) ||
				moved.some((done) => done.path === entry.path)
			) {
				continue;
			}

			let outcome: Outcome;
			try {
				outcome = recovered
					? await recoverEntry(context, options, entry)
					: await freshEntry(context, options, entry);
			} catch (error) {
				if (stopsCommit(error)) {
					return `${failureReason(error)}; ${moved.length} moved so far. The plan is kept in the state folder and the next commit finishes it`;
				}

				unsettled = true;
				outcome = {
					kind: 'failed',
					entry: {path: entry.path, label: entry.label, reason: failureReason(error), cause: error},
				};
			}

			if (outcome.kind === 'moved') {
				await recordMove(options.record, entry, where(outcome.to));
				moved.push({path: entry.path, to: where(outcome.to), label: entry.label, recovered});
			} else if (outcome.kind === 'skipped') {
				skipped.push(outcome.entry);
			} else if (outcome.kind === 'failed') {
				failed.push(outcome.entry);
			}

			options.onProgress?.({done: index + 1, total: entries.length, path: entry.path});
		}

		return undefined;
	};

	const stop = (reason: string): CommitReport => ({
		planned,
		moved,
		skipped,
		failed,
		stopped: reason,
	});
	try {
		const leftover = await readPlanFile(options.stateDir);
		if (leftover !== undefined) {
			const entries = leftover.filter(isS3PlanEntry);
			planned += entries.length;
			const stopped = await run(entries, true);
			if (stopped !== undefined) {
				return stop(`an interrupted commit could not be finished: ${stopped}`);
			}
		}

		const exclude = new Set([...moved, ...skipped, ...failed].map((entry) => entry.path));
		const plan = planS3Commit({
			state: options.state,
			outPrefix: options.outPrefix,
			listed: await listAll(options),
			exclude,
		});
		planned += plan.entries.length + plan.skipped.length + plan.rejected.length;
		skipped.push(...plan.skipped);
		failed.push(...plan.rejected);
		if (plan.entries.length > 0) {
			await writePlanFile(options.stateDir, plan.entries);
			const stopped = await run(plan.entries, false);
			if (stopped !== undefined) {
				return stop(stopped);
			}
		}
	} catch (error) {
		return stop(`the commit stopped: ${failureReason(error)}`);
	}

	if (!unsettled) {
		// A failed move may have left a copy: the plan stays so the next commit settles it.
		await removePlanFile(options.stateDir).catch(() => undefined);
	}

	return {planned, moved, skipped, failed};
}
