import {parentPort} from 'node:worker_threads';
import {checkFile} from './check.js';
import type {CheckJob, CheckReply} from './check-messages.js';

// One job at a time: the host sends the next only after this one's reply.
parentPort?.on('message', (job: CheckJob) => {
	checkFile(job.file, job.key, job.maxPixels).then(
		(facts) => parentPort?.postMessage({id: job.id, facts} satisfies CheckReply),
		(error: unknown) =>
			parentPort?.postMessage({
				id: job.id,
				error: error instanceof Error ? error.message : String(error),
			} satisfies CheckReply),
	);
});
