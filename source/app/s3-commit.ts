import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {getEntry} from '../core/persistent-map.js';
import {describeCommit} from '../files/commit/describe.js';
import type {CommitReport} from '../files/commit/types.js';
import {gtManifestLines, writeGtManifest} from '../formats/gt-manifest.js';
import type {SessionStore} from '../session/session-store.js';
import {escapeControl} from '../shared/escape.js';
import {errorCode} from '../shared/fs-errors.js';
import {commitS3} from '../sources/s3/commit.js';
import {outputPrefix} from '../sources/s3/commit-plan.js';
import type {S3Connection} from '../sources/s3/connect.js';
import {formatS3Location, parseS3Location} from '../sources/s3/location.js';
import {writeJsonAtomically} from '../store/atomic-file.js';
import {labelsDir} from '../store/paths.js';
import {recorderFor} from './commit-runner.js';
import type {S3Target} from './s3-target.js';

export type S3CommitMode = 'move' | 'manifest';

/** Where a prefix's objects go, remembered in the state folder so every commit agrees. */
function settingsFile(stateDir: string): string {
	return path.join(labelsDir(stateDir), 's3-output.json');
}

/**
The output prefix: `--out` when given (and then remembered), else the one remembered, else
`<prefix>labeled/`. Only the same bucket: a move is a server-side copy.
*/
export async function resolveOutPrefix(target: S3Target, out: string | undefined): Promise<string> {
	if (out !== undefined) {
		const prefix = outputPrefix(target.location, parseS3Location(out));
		await writeJsonAtomically(settingsFile(target.stateDir), {
			out: formatS3Location(target.location, prefix),
		});
		return prefix;
	}

	try {
		const saved = JSON.parse(await readFile(settingsFile(target.stateDir), 'utf8')) as {
			out?: unknown;
		};
		if (typeof saved.out === 'string') {
			return outputPrefix(target.location, parseS3Location(saved.out));
		}
	} catch (error) {
		if (errorCode(error) !== 'ENOENT') {
			throw error;
		}
	}

	return outputPrefix(target.location);
}

/** Objects found changed or missing are undecided again (a `reopen` each), as a local commit does. */
async function reopenSetAside(
	store: SessionStore,
	report: CommitReport,
	onSetAside?: (path: string) => void,
) {
	const before = store.getState();
	for (const entry of report.skipped) {
		onSetAside?.(entry.path);
		const seen = getEntry(before.decisions, entry.path)?.seq;
		await store.apply((state) =>
			seen !== undefined && getEntry(state.decisions, entry.path)?.seq === seen
				? {type: 'reopen', time: new Date().toISOString(), path: entry.path, reason: entry.reason}
				: undefined,
		);
	}
}

export type S3CommitResult = {summary: string; lines: string[]; ok: boolean};

/**
Commits a prefix's decisions: moves objects into class prefixes (copy, verify, delete, with the
write-ahead plan), or in manifest mode writes a Ground Truth output manifest and moves nothing.
*/
export async function commitS3Store(
	store: SessionStore,
	target: S3Target,
	connection: S3Connection,
	options: {
		readonly out?: string | undefined;
		readonly mode?: S3CommitMode | undefined;
		readonly manifest?: string | undefined;
		readonly onSetAside?: (path: string) => void;
		readonly detailsWhere: string;
	},
): Promise<S3CommitResult> {
	if (options.mode === 'manifest') {
		const file = path.resolve(options.manifest ?? path.join(target.stateDir, 'output.manifest'));
		const lines = gtManifestLines(store.getState(), {
			sourceRef: (itemPath) => formatS3Location(target.location, target.location.prefix + itemPath),
		});
		await writeGtManifest(file, lines);
		return {
			summary: `Wrote ${lines.length} lines to ${escapeControl(file)}; no object was moved.`,
			lines: [],
			ok: true,
		};
	}

	const outPrefix = await resolveOutPrefix(target, options.out);
	const report = await commitS3({
		client: connection.client,
		location: target.location,
		stateDir: target.stateDir,
		outPrefix,
		state: store.getState(),
		record: recorderFor(store),
	});
	await reopenSetAside(store, report, options.onSetAside);
	const lines = describeCommit(report, {dir: target.url});
	const setAside = report.skipped.length;
	const failed = report.failed.length;
	const where = formatS3Location(target.location, outPrefix);
	const summary = report.stopped
		? `Commit stopped: ${escapeControl(report.stopped)}`
		: `Moved ${report.moved.length} object${report.moved.length === 1 ? '' : 's'} into ${escapeControl(where)}<class>/${setAside > 0 ? `; ${setAside} changed or missing, set aside to label again` : ''}${failed > 0 ? `; ${failed} not moved (details ${options.detailsWhere})` : ''}.`;
	return {summary, lines, ok: setAside + failed === 0 && report.stopped === undefined};
}
