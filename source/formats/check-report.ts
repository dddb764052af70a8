import {type CheckReason, checkReasons} from '../image/validate.js';
import type {CheckedFile, CheckRun, PathNote} from '../scan/check-types.js';
import {
	type DuplicateGroup,
	exactDuplicateGroups,
	type NearGroup,
	nearDuplicateGroups,
} from '../scan/groups.js';

/**
The JSON document `imgsift check --json` prints, one object. Its `schema` names the version;
fields are only ever added within a version, never renamed or given another meaning.

- `files`: every regular file found, in walk order (byte order of names, depth-first), with
  `status` "ok" (a decodable image), "duplicate" (an exact copy of `duplicateOf`, an earlier file)
  or "broken" (`reason` says why: one of `checkReasons`; `detail` says it in words).
  `sha1` is the SHA-1 of the file's bytes (absent for empty or unreadable files); `dhash` the
  64-bit difference hash as 16 hex digits (decodable images only); `format` the format found in
  the content, not the extension. `duplicateGroup` and `nearGroup` are ids into the lists below.
- `duplicateGroups`: files with identical bytes, first one kept. `nearGroups`: images whose dHashes
  are chained within `settings.nearDistance` bits; `distance` is from the group's first member.
- `complete` is false when the run was stopped (Ctrl-C): the lists cover only what was checked.
- Paths are relative to `dir`, with `/` separators, exactly as on disk (JSON escapes them).
*/
export const checkReportSchema = 'imgsift-check/1';

export type FileStatus = 'ok' | 'duplicate' | 'broken';

export type ReportedFile = {
	readonly path: string;
	readonly status: FileStatus;
	readonly size: number;
	readonly reason?: CheckReason;
	readonly detail?: string;
	readonly format?: string;
	readonly width?: number;
	readonly height?: number;
	readonly sha1?: string;
	readonly dhash?: string;
	readonly duplicateGroup?: number;
	readonly duplicateOf?: string;
	readonly nearGroup?: number;
	/** True when this run took the facts from `.labels/check-cache.jsonl`. */
	readonly cached: boolean;
};

export type CheckSummary = {
	readonly files: number;
	/** Decodable images, copies included. */
	readonly images: number;
	readonly broken: number;
	/** Every reason, zero or not, so consumers can rely on the keys. */
	readonly brokenByReason: Readonly<Record<CheckReason, number>>;
	readonly duplicateGroups: number;
	/** Files beyond the first of each duplicate group. */
	readonly duplicateCopies: number;
	/** Bytes those copies take: what dropping them would free. */
	readonly duplicateBytes: number;
	readonly nearGroups: number;
	readonly nearImages: number;
	readonly skipped: number;
	readonly walkProblems: number;
	readonly fromCache: number;
	readonly checked: number;
	readonly bytesRead: number;
	readonly elapsedMs: number;
};

export type QuarantineEntry = {
	readonly path: string;
	readonly reason: CheckReason;
	/** Where it went, relative to `dir` when inside it, else absolute. */
	readonly to: string;
};

export type QuarantineOutcome = {
	readonly moved: readonly QuarantineEntry[];
	readonly failed: ReadonlyArray<{readonly path: string; readonly error: string}>;
};

export type CheckReport = {
	readonly schema: typeof checkReportSchema;
	readonly dir: string;
	readonly out: string;
	readonly complete: boolean;
	readonly settings: {
		readonly maxPixels: number;
		readonly nearDistance: number;
		readonly contentHash: 'sha1';
		readonly perceptualHash: 'dhash-64';
	};
	readonly summary: CheckSummary;
	readonly files: readonly ReportedFile[];
	readonly duplicateGroups: readonly DuplicateGroup[];
	readonly nearGroups: readonly NearGroup[];
	readonly skipped: readonly PathNote[];
	readonly walkProblems: readonly PathNote[];
	readonly warnings: readonly string[];
	/** Present when `--quarantine` ran. */
	readonly quarantine?: QuarantineOutcome;
};

export type ReportContext = {
	readonly dir: string;
	readonly out: string;
	readonly maxPixels: number;
	readonly nearDistance: number;
};

function reportedFile(
	file: CheckedFile,
	duplicate: {group: DuplicateGroup; kept: string} | undefined,
	nearGroup: number | undefined,
): ReportedFile {
	const {path, size, cached, reason, detail, format, width, height, sha1, dhash} = file;
	const status: FileStatus =
		reason !== undefined ? 'broken' : duplicate && duplicate.kept !== path ? 'duplicate' : 'ok';
	return {
		path,
		status,
		size,
		...(reason === undefined ? {} : {reason}),
		...(detail === undefined ? {} : {detail}),
		...(format === undefined ? {} : {format}),
		...(width === undefined ? {} : {width}),
		...(height === undefined ? {} : {height}),
		...(sha1 === undefined ? {} : {sha1}),
		...(dhash === undefined ? {} : {dhash}),
		...(duplicate === undefined ? {} : {duplicateGroup: duplicate.group.id}),
		...(status === 'duplicate' && duplicate ? {duplicateOf: duplicate.kept} : {}),
		...(nearGroup === undefined ? {} : {nearGroup}),
		cached,
	};
}

/** Groups the run's files and counts everything the summary shows. */
export function buildCheckReport(run: CheckRun, context: ReportContext): CheckReport {
	const duplicateGroups = exactDuplicateGroups(run.files);
	const nearGroups = nearDuplicateGroups(run.files, context.nearDistance);
	const duplicateOf = new Map<string, {group: DuplicateGroup; kept: string}>();
	for (const group of duplicateGroups) {
		for (const path of group.paths) {
			duplicateOf.set(path, {group, kept: group.paths[0] ?? path});
		}
	}

	const nearOf = new Map<string, number>();
	for (const group of nearGroups) {
		for (const member of group.members) {
			nearOf.set(member.path, group.id);
		}
	}

	const files = run.files.map((file) =>
		reportedFile(file, duplicateOf.get(file.path), nearOf.get(file.path)),
	);
	const brokenByReason = Object.fromEntries(checkReasons.map((reason) => [reason, 0])) as Record<
		CheckReason,
		number
	>;
	for (const file of files) {
		if (file.reason !== undefined) {
			brokenByReason[file.reason]++;
		}
	}

	const copies = duplicateGroups.reduce((total, group) => total + group.paths.length - 1, 0);
	const fromCache = run.files.filter((file) => file.cached).length;
	const broken = files.filter((file) => file.status === 'broken').length;
	return {
		schema: checkReportSchema,
		dir: context.dir,
		out: context.out,
		complete: run.complete,
		settings: {
			maxPixels: context.maxPixels,
			nearDistance: context.nearDistance,
			contentHash: 'sha1',
			perceptualHash: 'dhash-64',
		},
		summary: {
			files: files.length,
			images: files.length - broken,
			broken,
			brokenByReason,
			duplicateGroups: duplicateGroups.length,
			duplicateCopies: copies,
			duplicateBytes: duplicateGroups.reduce(
				(total, group) => total + group.size * (group.paths.length - 1),
				0,
			),
			nearGroups: nearGroups.length,
			nearImages: nearGroups.reduce((total, group) => total + group.members.length, 0),
			skipped: run.skipped.length,
			walkProblems: run.walkProblems.length,
			fromCache,
			checked: files.length - fromCache,
			bytesRead: run.bytesRead,
			elapsedMs: Math.round(run.elapsedMs),
		},
		files,
		duplicateGroups,
		nearGroups,
		skipped: run.skipped,
		walkProblems: run.walkProblems,
		warnings: run.cacheWarning === undefined ? [] : [run.cacheWarning],
	};
}

/** True when the folder has something to fix: broken files, exact copies, unreadable folders. */
export function hasProblems(report: CheckReport): boolean {
	const {broken, duplicateCopies, walkProblems} = report.summary;
	return broken > 0 || duplicateCopies > 0 || walkProblems > 0;
}
