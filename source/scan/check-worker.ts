import {parentPort} from 'node:worker_threads';
import {collectGarbageIfExternalOver} from '../shared/heap-budget.js';
import {checkFile} from './check.js';
import type {CheckJob, CheckReply} from './check-messages.js';

/**
File bytes and decoded bands the thread may hold before it collects them. Left to V8 they reached
tens of MiB: labeling 90 mixed images peaked 150–179 MiB with the checks here, 137–140 without.
*/
const externalMiBHeld = 8;

// One job at a time: the host sends the next only after this one's reply.
parentPort?.on('message', (job: CheckJob) => {
	checkFile(job.file, job.key, job.maxPixels).then(
		(facts) => {
			parentPort?.postMessage({id: job.id, facts} satisfies CheckReply);
			collectGarbageIfExternalOver(externalMiBHeld);
		},
		(error: unknown) =>
			parentPort?.postMessage({
				id: job.id,
				error: error instanceof Error ? error.message : String(error),
			} satisfies CheckReply),
	);
});
