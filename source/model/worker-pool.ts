import os from 'node:os';
import {Worker} from 'node:worker_threads';
import type {FeatureJob, FeatureReply, FeatureResult} from './feature-messages.js';

type Pending = {
	readonly job: FeatureJob;
	readonly resolve: (result: FeatureResult) => void;
};

/** The worker script beside this module: works from dist/ (and from any install location). */
const workerUrl = new URL('./feature-worker.js', import.meta.url);

/** How many workers by default: all cores but one for the UI thread, at least one, at most 4. */
export function defaultWorkerCount(): number {
	return Math.max(1, Math.min(4, os.availableParallelism() - 1));
}

/**
Computes image features in worker threads, one image per worker at a time, so decoding and pixel
loops never block the UI thread. Urgent jobs (the image on screen) go before those queued ahead.
*/
export class FeaturePool {
	readonly #size: number;
	readonly #idle: Worker[] = [];
	readonly #busy = new Map<Worker, Pending>();
	readonly #queue: Pending[] = [];
	#nextId = 1;
	#closed = false;
	#workers = 0;

	constructor(size = defaultWorkerCount()) {
		this.#size = Math.max(1, size);
	}

	/** Jobs waiting or running. */
	get load(): number {
		return this.#queue.length + this.#busy.size;
	}

	run(file: string, urgent = false): Promise<FeatureResult> {
		if (this.#closed) {
			return Promise.resolve({ok: false, reason: 'closed', message: 'the feature pool is closed'});
		}

		return new Promise((resolve) => {
			const pending = {job: {id: this.#nextId++, file}, resolve};
			if (urgent) {
				this.#queue.unshift(pending);
			} else {
				this.#queue.push(pending);
			}

			this.#pump();
		});
	}

	/** Stops the workers; queued and running jobs resolve as not done. */
	async close(): Promise<void> {
		this.#closed = true;
		for (const pending of [...this.#queue, ...this.#busy.values()]) {
			pending.resolve({ok: false, reason: 'closed', message: 'the feature pool was closed'});
		}

		this.#queue.length = 0;
		const workers = [...this.#idle, ...this.#busy.keys()];
		this.#idle.length = 0;
		this.#busy.clear();
		await Promise.all(workers.map(async (worker) => worker.terminate()));
	}

	#pump(): void {
		while (this.#queue.length > 0) {
			const worker = this.#idle.pop() ?? (this.#workers < this.#size ? this.#spawn() : undefined);
			const pending = worker ? this.#queue.shift() : undefined;
			if (!worker || !pending) {
				return;
			}

			this.#busy.set(worker, pending);
			// Busy workers keep the process alive; idle ones do not hold up its exit.
			worker.ref();
			worker.postMessage(pending.job);
		}
	}

	#spawn(): Worker {
		const worker = new Worker(workerUrl);
		this.#workers++;
		worker.on('message', (reply: FeatureReply) => {
			const pending = this.#busy.get(worker);
			this.#busy.delete(worker);
			worker.unref();
			this.#idle.push(worker);
			pending?.resolve(
				'features' in reply
					? {
							ok: true,
							features: reply.features,
							...(reply.thumbnail ? {thumbnail: reply.thumbnail} : {}),
						}
					: {ok: false, reason: reply.reason, message: reply.error},
			);
			this.#pump();
		});
		worker.on('error', (error) => {
			// A crashed worker (not a bad image: those are replies) fails its job and is replaced.
			const pending = this.#busy.get(worker);
			this.#busy.delete(worker);
			this.#workers--;
			pending?.resolve({ok: false, reason: 'worker-crashed', message: error.message});
			this.#pump();
		});
		return worker;
	}
}
