import {nearMaxDifference} from '../image/near-match.js';
import {type CheckReason, checkReasons} from '../image/validate.js';
import type {CheckedFile, CheckRun, PathNote} from '../scan/check-types.js';
import {
	type DuplicateGroup,
	exactDuplicateGroups,
	type NearGroup,
	type NearJudge,
	nearDuplicateGroups,
} from '../scan/groups.js';
import {LazyArray} from '../shared/json-chunks.js';

/**
The JSON document `imgsift check --json` prints, one object. Its `schema` names the version;
fields are only ever added within a version, never renamed or given another meaning. Version 2:
near groups are no longer chained, have a representative, and members carry a `difference`.

- `files`: every regular file found, in walk order (byte order of names, depth-first), with
  `status` "ok" (a decodable image), "duplicate" (an exact copy of `duplicateOf`, an earlier file)
  or "broken" (`reason` says why: one of `checkReasons`; `detail` says it in words).
  `sha1` is the SHA-1 of the file's bytes (absent for empty or unreadable files); `dhash` the
  64-bit difference hash and `phash` the 64-bit DCT hash, 16 hex digits each (decodable images
  only); `format` the format found in the content, not the extension. `duplicateGroup` and
  `nearGroup` are ids into the lists below.
- `duplicateGroups`: files with identical bytes, first one kept. `nearGroups`: each has a
  `representative` (its first member) and `members`, every one within `settings.nearDistance`
  pHash bits of the representative (`distance`; for a small crop, one image's centre hash
  against the other's pHash, see scan/near-candidates.ts) and with a thumbnail `difference` from
  it of at most `settings.nearMaxDifference`; no chains. (The shape did not change when crops
  were added, so the schema stays `imgsift-check/2`.)
- `complete` is false when the run was stopped (Ctrl-C): the lists cover only what was checked.
- Paths are relative to `dir`, with `/` separators, exactly as on disk (JSON escapes them).
*/
export const checkReportSchema = 'imgsift-check/2';

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
	readonly phash?: string;
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
		readonly perceptualHash: 'phash-64';
		readonly nearMaxDifference: number;
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
	/** Compares two candidate images' thumbnails (scan/near-judge.ts reads them from `dir`). */
	readonly judge: NearJudge;
};

function reportedFile(
	file: CheckedFile,
	duplicate: {group: DuplicateGroup; kept: string} | undefined,
	nearGroup: number | undefined,
): ReportedFile {
	const {path, size, cached, reason, detail, format, width, height, sha1, dhash, phash} = file;
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
		...(phash === undefined ? {} : {phash}),
		...(duplicate === undefined ? {} : {duplicateGroup: duplicate.group.id}),
		...(status === 'duplicate' && duplicate ? {duplicateOf: duplicate.kept} : {}),
		...(nearGroup === undefined ? {} : {nearGroup}),
		cached,
	};
}

/**
The report with its files made as they are written (shared/json-chunks.ts LazyArray), for
`check --json`: at 100,000 files a record per file, on top of the run's own, was 14 MB of heap.
*/
export type CheckReportOutline = Omit<CheckReport, 'files'> & {
	readonly files: LazyArray<ReportedFile>;
};

/** Groups the run's files and counts everything the summary shows. */
export async function buildCheckReport(
	run: CheckRun,
	context: ReportContext,
): Promise<CheckReport> {
	const outline = await buildCheckReportOutline(run, context);
	return {...outline, files: outline.files.slice(0)};
}

/** The report as buildCheckReport makes it, but each file's record is made when asked for. */
export async function buildCheckReportOutline(
	run: CheckRun,
	context: ReportContext,
): Promise<CheckReportOutline> {
	const duplicateGroups = exactDuplicateGroups(run.files);
	const nearGroups = await nearDuplicateGroups(run.files, context.nearDistance, context.judge);
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

	const files = new LazyArray(run.files.length, (index) => {
		const file = run.files[index] as CheckedFile;
		return reportedFile(file, duplicateOf.get(file.path), nearOf.get(file.path));
	});
	const brokenByReason = Object.fromEntries(checkReasons.map((reason) => [reason, 0])) as Record<
		CheckReason,
		number
	>;
	let broken = 0;
	for (const file of run.files) {
		if (file.reason !== undefined) {
			brokenByReason[file.reason]++;
			broken++;
		}
	}

	const copies = duplicateGroups.reduce((total, group) => total + group.paths.length - 1, 0);
	const fromCache = run.files.filter((file) => file.cached).length;
	return {
		schema: checkReportSchema,
		dir: context.dir,
		out: context.out,
		complete: run.complete,
		settings: {
			maxPixels: context.maxPixels,
			nearDistance: context.nearDistance,
			contentHash: 'sha1',
			perceptualHash: 'phash-64',
			nearMaxDifference,
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
export function hasProblems(report: Pick<CheckReport, 'summary'>): boolean {
	const {broken, duplicateCopies, walkProblems} = report.summary;
	return broken > 0 || duplicateCopies > 0 || walkProblems > 0;
}
