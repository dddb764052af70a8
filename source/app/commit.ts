import os from 'node:os';
import {removePartialCopiesNow} from '../files/commit/move-file.js';
import {finishQuarantineIntent} from '../files/quarantine/quarantine-intent.js';
import {escapeControl} from '../shared/escape.js';
import {commitStore} from './commit-runner.js';
import {openDataset} from './dataset.js';

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

export async function runCommit(options: {dir: string; user?: string | undefined}): Promise<void> {
	const dataset = await openDataset(options.dir, undefined, options.user);
	for (const signal of stopSignals) process.on(signal, stopOn);
	try {
		for (const warning of dataset.warnings) {
			process.stderr.write(`imgsift: warning: ${escapeControl(warning)}\n`);
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
		for (const signal of stopSignals) process.off(signal, stopOn);
		await dataset.close();
	}
}
