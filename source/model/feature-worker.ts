import {parentPort} from 'node:worker_threads';
import {featuresAndThumbnail} from '../image/features.js';
import {isImageError} from '../image/image-error.js';
import type {FeatureJob, FeatureReply} from './feature-messages.js';

// One job at a time per worker: the pool keeps every worker busy with at most one image.
parentPort?.on('message', (job: FeatureJob) => {
	featuresAndThumbnail(job.file).then(
		({features, thumbnail}) => {
			// The thumbnail's pixels move to the main thread, where a grid cell reuses them: copied
			// once into a buffer of their own (sharp's may not be transferable), then transferred.
			const pixels = new Uint8Array(thumbnail.pixels);
			const reply = {id: job.id, features, thumbnail: {...thumbnail, pixels}};
			parentPort?.postMessage(reply satisfies FeatureReply, [pixels.buffer]);
		},
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
