import os from 'node:os';
import {removePartialCopiesNow} from '../files/commit/move-file.js';
import {finishQuarantineIntent} from '../files/quarantine/quarantine-intent.js';
import {escapeControl} from '../shared/escape.js';
import {keepHeapSmall} from '../shared/heap-budget.js';
import {isS3Url} from '../sources/s3/location.js';
import {commitStore} from './commit-runner.js';
import {openDataset} from './dataset.js';
import type {S3CommitMode} from './s3-commit.js';
import type {S3Flags} from './s3-target.js';
import {teamCommitPlan} from './team-commit.js';

const stopSignals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
Ctrl-C or a kill while files move: remove the partial copy being written, say what stopped and
what the next commit does, and exit 128 + the signal. The 'exit' handlers release the lock; the
write-ahead plan lets the next commit (or label) finish the moves, the recorded ones kept.
*/
function stopOn(signal: (typeof stopSignals)[number]): void {
	const removed = removePartialCopiesNow();
	const partial = removed > 0 ? `; the partial copy it was writing was removed` : '';
	process.stderr.write(
		`imgsift: commit stopped by ${signal}${partial}. The files moved so far are recorded; .labels/commit-plan.json keeps the rest, and the next imgsift commit (or label) finishes them.\n`,
	);
	process.exit(128 + os.constants.signals[signal]);
}

export async function runCommit(options: {
	dir: string;
	user?: string | undefined;
	/** For an s3:// prefix: where objects go, and whether to move them or write a manifest. */
	out?: string | undefined;
	commitMode?: S3CommitMode | undefined;
	manifest?: string | undefined;
	s3?: S3Flags | undefined;
	/** A team's database (`--db`, else IMGSIFT_DATABASE_URL) and its overlap. */
	db?: string | undefined;
	overlap?: number | undefined;
}): Promise<void> {
	if (isS3Url(options.dir)) {
		// Loaded only here: the S3 client and the image decoder they bring weigh ~40 MB of RSS
		// that a commit of a local folder never uses.
		const {resolveS3Target} = await import('./s3-target.js');
		const {runS3Commit} = await import('./s3-commands.js');
		const target = await resolveS3Target(options.dir, options.s3);
		await runS3Commit(target, {
			user: options.user,
			out: options.out,
			mode: options.commitMode,
			manifest: options.manifest,
		});
		return;
	}

	// Before the replay: the garbage it leaves must not set how far the heap may grow.
	keepHeapSmall();
	const dataset = await openDataset(options.dir, undefined, options.user, {
		db: options.db,
		overlap: options.overlap,
	});
	for (const signal of stopSignals) process.on(signal, stopOn);
	try {
		for (const warning of dataset.warnings) {
			process.stderr.write(`imgsift: warning: ${escapeControl(warning)}\n`);
		}

		// A `check --quarantine` killed mid-move leaves a file under two names: finish it first.
		await finishQuarantineIntent(dataset.dir);
		const result = await commitStore(dataset.store, dataset.dir, dataset.out, {
			detailsWhere: 'above',
			team: () => teamCommitPlan(dataset),
		});
		for (const line of result.lines) {
			process.stdout.write(`${line}\n`);
		}

		process.stdout.write(`${result.summary}\n`);
		if (!result.ok) {
			process.exitCode = 1;
		}
	} finally {
		for (const signal of stopSignals) process.off(signal, stopOn);
		await dataset.close();
	}
}
