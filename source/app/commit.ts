import {finishQuarantineIntent} from '../files/quarantine/quarantine-intent.js';
import {isS3Url} from '../sources/s3/location.js';
import {commitStore} from './commit-runner.js';
import {openDataset} from './dataset.js';
import {runS3Commit} from './s3-commands.js';
import type {S3CommitMode} from './s3-commit.js';
import {resolveS3Target, type S3Flags} from './s3-target.js';

export async function runCommit(options: {
	dir: string;
	user?: string | undefined;
	/** For an s3:// prefix: where objects go, and whether to move them or write a manifest. */
	out?: string | undefined;
	commitMode?: S3CommitMode | undefined;
	manifest?: string | undefined;
	s3?: S3Flags | undefined;
}): Promise<void> {
	if (isS3Url(options.dir)) {
		const target = await resolveS3Target(options.dir, options.s3);
		await runS3Commit(target, {
			user: options.user,
			out: options.out,
			mode: options.commitMode,
			manifest: options.manifest,
		});
		return;
	}

	const dataset = await openDataset(options.dir, undefined, options.user);
	try {
		for (const warning of dataset.warnings) {
			process.stderr.write(`imgsift: warning: ${warning}\n`);
		}

		// A `check --quarantine` killed mid-move leaves a file under two names: finish it first.
		await finishQuarantineIntent(dataset.dir);
		const result = await commitStore(dataset.store, dataset.dir, dataset.out, {
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
		await dataset.close();
	}
}
