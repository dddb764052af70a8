import {parentPort} from 'node:worker_threads';
import {extractFeatures} from '../image/features.js';
import {isImageError} from '../image/image-error.js';
import type {FeatureJob, FeatureReply} from './feature-messages.js';

// One job at a time per worker: the pool keeps every worker busy with at most one image.
parentPort?.on('message', (job: FeatureJob) => {
	extractFeatures(job.file).then(
		(features) => parentPort?.postMessage({id: job.id, features} satisfies FeatureReply),
		(error: unknown) => {
			const reply: FeatureReply = {
				id: job.id,
				error: error instanceof Error ? error.message : String(error),
				reason: isImageError(error) ? error.reason : 'failed',
			};
			parentPort?.postMessage(reply);
		},
	);
});
