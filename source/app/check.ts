import path from 'node:path';
import process from 'node:process';
import {quarantineFiles, restoreQuarantine} from '../files/quarantine/quarantine.js';
import {
	buildCheckReportOutline,
	type CheckReport,
	type CheckReportOutline,
	hasProblems,
	type ReportedFile,
} from '../formats/check-report.js';
import {formatCheckReport} from '../formats/check-report-text.js';
import {checkFolder} from '../scan/check.js';
import {createProgressBar} from '../scan/check-progress.js';
import {maxIndexedDistance} from '../scan/hamming-index.js';
import {createNearJudge} from '../scan/near-judge.js';
import {escapeControl, jsonForTerminal} from '../shared/escape.js';
import {writeJsonLines} from '../shared/json-chunks.js';
import {writeWithBackpressure} from '../shared/output.js';
import {UserError} from '../shared/user-error.js';
import {isS3Url} from '../sources/s3/location.js';
import {loadProject, resolveOut} from '../store/project-config.js';
import {datasetFolder} from './dataset.js';
import type {S3Flags} from './s3-target.js';

export type CheckOptions = {
	dir: string;
	json: boolean;
	quarantine: boolean;
	nearDistance: number;
	maxPixels: number;
	/** Moves quarantined files back instead of checking. */
	restoreQuarantine?: boolean;
	s3?: S3Flags | undefined;
};

/**
Exit codes, like a linter's: 0 when the folder is clean (near duplicates alone do not count:
they may be wanted), 1 when broken files, exact copies or unreadable folders were found (the CLI
also uses 1 for user errors), 130 when stopped with Ctrl-C.
*/
export const checkExitCodes = {clean: 0, problems: 1, interrupted: 130} as const;

function optionProblem(nearDistance: number, maxPixels: number): string | undefined {
	if (!Number.isInteger(nearDistance) || nearDistance < 0 || nearDistance > maxIndexedDistance) {
		return `--near-distance must be a whole number from 0 to ${maxIndexedDistance}, got ${nearDistance}.`;
	}

	if (!Number.isSafeInteger(maxPixels) || maxPixels < 1) {
		return `--max-pixels must be a whole number of at least 1, got ${maxPixels}.`;
	}

	return undefined;
}

/** The output folder: the project's, or `<dir>/labeled` for a folder never labeled. */
async function outputFolder(dir: string): Promise<string> {
	const project = await loadProject(dir);
	return project === undefined ? path.join(dir, 'labeled') : resolveOut(dir, project);
}

/** Ctrl-C aborts the check (the cache keeps what is done); a second Ctrl-C quits at once. */
function abortOnInterrupt(controller: AbortController): () => void {
	const onInterrupt = () => {
		if (controller.signal.aborted) {
			process.exit(checkExitCodes.interrupted);
		}

		process.stderr.write(
			'\nimgsift: stopping after the files in progress; Ctrl-C again quits now.\n',
		);
		controller.abort();
	};

	process.on('SIGINT', onInterrupt);
	return () => process.off('SIGINT', onInterrupt);
}

async function runRestore(dir: string, json: boolean): Promise<void> {
	const outcome = await restoreQuarantine({dir});
	if (json) {
		process.stdout.write(`${jsonForTerminal(outcome, 2)}\n`);
	} else {
		for (const entry of outcome.restored) {
			process.stdout.write(
				`restored ${escapeControl(entry.path)} (from ${escapeControl(entry.from)})\n`,
			);
		}

		for (const entry of outcome.failed) {
			process.stdout.write(`not restored: ${escapeControl(entry.error)}\n`);
		}

		process.stdout.write(
			`${outcome.restored.length} restored, ${outcome.failed.length} left in quarantine\n`,
		);
	}

	process.exitCode = outcome.failed.length > 0 ? checkExitCodes.problems : checkExitCodes.clean;
}

/** Checks the folder, prints the report, quarantines when asked, and sets process.exitCode. */
export async function runCheck(options: CheckOptions): Promise<void> {
	const problem = optionProblem(options.nearDistance, options.maxPixels);
	if (problem !== undefined) {
		throw new UserError(problem);
	}

	if (isS3Url(options.dir)) {
		await runS3Check(options);
		return;
	}

	const dir = await datasetFolder(options.dir);
	if (options.restoreQuarantine === true) {
		await runRestore(dir, options.json);
		return;
	}

	const out = await outputFolder(dir);
	const controller = new AbortController();
	const stopListening = abortOnInterrupt(controller);
	const progress = createProgressBar(process.stderr);
	let report: CheckReportOutline;
	try {
		const run = await checkFolder({
			dir,
			ignore: [out],
			maxPixels: options.maxPixels,
			signal: controller.signal,
			onProgress: (state) => progress.update(state),
		});
		progress.stop();
		report = await buildCheckReportOutline(run, {
			dir,
			out,
			maxPixels: options.maxPixels,
			nearDistance: options.nearDistance,
			judge: createNearJudge(dir),
		});
	} finally {
		progress.stop();
		stopListening();
	}

	if (options.quarantine && report.complete) {
		const files: Array<{path: string; reason: NonNullable<ReportedFile['reason']>}> = [];
		for (let index = 0; index < report.files.length; index++) {
			const {path: filePath, reason} = report.files.at(index);
			if (reason !== undefined) {
				files.push({path: filePath, reason});
			}
		}

		report = {...report, quarantine: await quarantineFiles({dir, out, files})};
	}

	await printReport(report, options.json);
}

/**
Bytes per write of the JSON report. Below V8's large-object size (128 KiB), so each piece dies
young: pieces of 1 MiB went to the large-object space, freed only by a full collection, and at
100,000 files (31 MB of JSON) piled up to 25 MB of heap while the report was written.
*/
const jsonWriteBytes = 64 * 1024;

async function printReport(
	report: CheckReport | CheckReportOutline,
	json: boolean,
	adjust: (text: string) => string = (text) => text,
): Promise<void> {
	if (json) {
		// In pieces, each file's record made as it is written: at 100k files the document is tens
		// of megabytes, and a record per file held at once was 14 MB of heap.
		await writeJsonLines(
			report,
			2,
			async (text) => writeWithBackpressure(process.stdout, text),
			jsonWriteBytes,
		);
	} else {
		const files = Array.isArray(report.files) ? report.files : report.files.slice(0);
		process.stdout.write(`${adjust(formatCheckReport({...report, files}))}\n`);
	}

	process.exitCode = exitCodeOf(report);
}

/** `check s3://bucket/prefix/`: reads the objects through the check cache (keyed by ETag). */
async function runS3Check(options: CheckOptions): Promise<void> {
	if (options.quarantine || options.restoreQuarantine === true) {
		throw new UserError(
			'--quarantine works on folders only; on an S3 prefix, check lists the broken objects and label sets them aside.',
		);
	}

	// Loaded only for a bucket: the S3 client's modules are 4 MB of heap a folder check never uses.
	const {resolveS3Target} = await import('./s3-target.js');
	const {checkS3Target} = await import('./s3-commands.js');
	const target = await resolveS3Target(options.dir, options.s3);
	const controller = new AbortController();
	const stopListening = abortOnInterrupt(controller);
	const progress = createProgressBar(process.stderr);
	let report: CheckReport;
	try {
		report = await checkS3Target(target, {
			maxPixels: options.maxPixels,
			nearDistance: options.nearDistance,
			signal: controller.signal,
			onProgress: (done, found) =>
				progress.update({found, done, fromCache: 0, bytesRead: 0, walkDone: false}),
		});
	} finally {
		progress.stop();
		stopListening();
	}

	// No quarantine on a bucket: say what happens to broken objects instead.
	await printReport(report, options.json, (text) =>
		text.replace(
			/Move the broken files aside with --quarantine[^\n]*/,
			'Broken objects stay where they are; imgsift label sets them aside and commit leaves them.',
		),
	);
}

function exitCodeOf(report: Pick<CheckReport, 'summary' | 'complete'>): number {
	return !report.complete
		? checkExitCodes.interrupted
		: hasProblems(report)
			? checkExitCodes.problems
			: checkExitCodes.clean;
}
