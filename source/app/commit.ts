import {finishQuarantineIntent} from '../files/quarantine/quarantine-intent.js';
import {commitStore} from './commit-runner.js';
import {openDataset} from './dataset.js';

export async function runCommit(options: {dir: string; user?: string | undefined}): Promise<void> {
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
