import {classNameProblem} from '../../core/class-names.js';
import {entries, hasEntry} from '../../core/persistent-map.js';
import type {SessionState} from '../../core/session-state.js';
import {duplicatesFolder} from '../../files/commit/plan.js';
import type {FailedEntry, PlanEntry, SkippedEntry} from '../../files/commit/types.js';
import {UserError} from '../../shared/user-error.js';
import type {ListedObject} from './list.js';
import type {S3Location} from './location.js';

/**
One object to move, as written ahead to the plan: the local plan's entry (`path` relative to the
prefix, `to` the destination key, `mtimeMs` the LastModified it was decided with) plus the ETag
the move is pinned to, so a replaced object is never moved under an old decision.
*/
export type S3PlanEntry = PlanEntry & {readonly etag: string};

export type S3Plan = {
	readonly entries: readonly S3PlanEntry[];
	readonly skipped: readonly SkippedEntry[];
	readonly rejected: readonly FailedEntry[];
};

/** `<prefix>labeled/`, or the prefix of `--out s3://bucket/…` (same bucket only). */
export function outputPrefix(location: S3Location, out?: S3Location): string {
	if (out === undefined) {
		return `${location.prefix}labeled/`;
	}

	if (out.bucket !== location.bucket) {
		throw new UserError(
			`--out must be in the same bucket as the images (s3://${location.bucket}/…): a move across buckets is not supported yet`,
		);
	}

	return out.prefix;
}

function keyProblem(relative: string): string | undefined {
	const segments = relative.split('/');
	return segments.some((segment) => segment === '' || segment === '.' || segment === '..')
		? 'its key has empty, "." or ".." parts'
		: undefined;
}

/**
Every decided, not yet moved object, headed for `<out><label>/<name>` (exact copies decided with
their first: `<out>_duplicates/<label>/<name>`), checked against a fresh listing: an object gone
is skipped as missing, one with another size or LastModified as changed. Pure.
*/
export function planS3Commit(input: {
	readonly state: SessionState;
	readonly outPrefix: string;
	/** The prefix as listed now, by item path. */
	readonly listed: ReadonlyMap<string, ListedObject>;
	readonly exclude?: ReadonlySet<string>;
}): S3Plan {
	const planned: S3PlanEntry[] = [];
	const skipped: SkippedEntry[] = [];
	const rejected: FailedEntry[] = [];
	for (const [itemPath, decision] of entries(input.state.decisions)) {
		if (hasEntry(input.state.moved, itemPath) || input.exclude?.has(itemPath)) {
			continue;
		}

		const {label} = decision;
		const problem = keyProblem(itemPath) ?? classNameProblem(label);
		if (problem !== undefined) {
			rejected.push({path: itemPath, label, reason: `not moved: ${problem}`});
			continue;
		}

		const object = input.listed.get(itemPath);
		if (object === undefined) {
			skipped.push({path: itemPath, label, reason: 'missing', detail: 'the object is gone'});
			continue;
		}

		if (object.size !== decision.size || object.lastModifiedMs !== decision.mtimeMs) {
			const detail = `it was replaced after it was decided (size ${decision.size} → ${object.size} bytes)`;
			skipped.push({path: itemPath, label, reason: 'changed', detail});
			continue;
		}

		const name = itemPath.slice(itemPath.lastIndexOf('/') + 1);
		const folder = decision.copyOf === undefined ? label : `${duplicatesFolder}/${label}`;
		const to = `${input.outPrefix}${folder}/${name}`;
		planned.push({
			path: itemPath,
			label,
			size: object.size,
			mtimeMs: object.lastModifiedMs,
			to,
			etag: object.etag,
		});
	}

	planned.sort((left, right) => (left.path < right.path ? -1 : left.path > right.path ? 1 : 0));
	return {entries: planned, skipped, rejected};
}
