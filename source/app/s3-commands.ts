import {buildCheckReport, type CheckReport} from '../formats/check-report.js';
import {UserError} from '../shared/user-error.js';
import {checkS3Prefix} from '../sources/s3/check.js';
import {connectS3} from '../sources/s3/connect.js';
import {listObjects} from '../sources/s3/list.js';
import {formatS3Location} from '../sources/s3/location.js';
import {type Dataset, openDataset, readDataset} from './dataset.js';
import {commitS3Store, resolveOutPrefix, type S3CommitMode} from './s3-commit.js';
import type {S3Target} from './s3-target.js';

/** `imgsift commit s3://…`: moves (or, in manifest mode, lists) the prefix's decided objects. */
export async function runS3Commit(
	target: S3Target,
	options: {
		readonly user?: string | undefined;
		readonly out?: string | undefined;
		readonly mode?: S3CommitMode | undefined;
		readonly manifest?: string | undefined;
	},
): Promise<void> {
	const dataset = await openDataset(target.stateDir, undefined, options.user).catch(
		(error: unknown) => {
			throw notLabeledYet(target, error);
		},
	);
	const connection = connectS3(target.connect);
	try {
		for (const warning of dataset.warnings) {
			process.stderr.write(`imgsift: warning: ${warning}\n`);
		}

		const result = await commitS3Store(dataset.store, target, connection, {
			...options,
			detailsWhere: 'above',
		});
		for (const line of result.lines) {
			process.stdout.write(`${line}\n`);
		}

		process.stdout.write(`${result.summary}\n`);
		if (!result.ok) {
			process.exitCode = 1;
		}
	} finally {
		connection.close();
		await dataset.close();
	}
}

function notLabeledYet(target: S3Target, error: unknown): UserError {
	return new UserError(
		`${target.url} has no labels here yet (looked in ${target.stateDir}). Start with: imgsift label ${target.url} --classes photo,screenshot, or pass the --state folder you labeled it with.`,
		{cause: error},
	);
}

/** The prefix's local state, read without the lock (for status). */
export async function readS3Dataset(target: S3Target, user: string | undefined): Promise<Dataset> {
	return readDataset(target.stateDir, user).catch((error: unknown) => {
		throw notLabeledYet(target, error);
	});
}

/** How many images the prefix holds now (one listing, names only). */
export async function countS3Images(target: S3Target): Promise<number> {
	const connection = connectS3(target.connect);
	try {
		const outPrefix = await resolveOutPrefix(target, undefined);
		let count = 0;
		for await (const batch of listObjects(connection.client, target.location, {
			ignore: [outPrefix],
		})) {
			count += batch.length;
		}

		return count;
	} finally {
		connection.close();
	}
}

/** `imgsift check s3://…`: the same report as a folder's, from the bucket's objects. */
export async function checkS3Target(
	target: S3Target,
	options: {
		readonly maxPixels: number;
		readonly nearDistance: number;
		readonly signal: AbortSignal;
		readonly onProgress: (done: number, found: number) => void;
	},
): Promise<CheckReport> {
	const connection = connectS3(target.connect);
	try {
		const outPrefix = await resolveOutPrefix(target, undefined);
		const run = await checkS3Prefix({
			connection,
			location: target.location,
			stateDir: target.stateDir,
			ignore: [outPrefix],
			maxPixels: options.maxPixels,
			signal: options.signal,
			onProgress: options.onProgress,
		});
		return buildCheckReport(run, {
			dir: target.url,
			out: formatS3Location(target.location, outPrefix).replace(/\/$/, ''),
			maxPixels: options.maxPixels,
			nearDistance: options.nearDistance,
		});
	} finally {
		connection.close();
	}
}
