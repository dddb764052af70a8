import os from 'node:os';
import {Worker} from 'node:worker_threads';
import {reassertHeapBudget} from '../shared/heap-budget.js';
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
	readonly #baseSize: number;
	#size: number;
	readonly #idle: Worker[] = [];
	readonly #busy = new Map<Worker, Pending>();
	readonly #queue: Pending[] = [];
	#nextId = 1;
	#closed = false;
	#workers = 0;

	constructor(size = defaultWorkerCount()) {
		this.#baseSize = Math.max(1, size);
		this.#size = this.#baseSize;
	}

	/** Jobs waiting or running. */
	get load(): number {
		return this.#queue.length + this.#busy.size;
	}

	/** Jobs running now, one per busy worker. */
	get running(): number {
		return this.#busy.size;
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

	/**
	At least `workers` at a time while set (the grid: the person looks at a page while its next
	pages are guessed, so the main thread is idle); undefined goes back to the size given.
	*/
	widen(workers: number | undefined): void {
		this.#size = Math.max(this.#baseSize, workers ?? 0);
		this.#pump();
	}

	/**
	Moves the queued jobs for these files to the front, in this order (a grid's next pages before the
	rest of the window); files not queued are left alone.
	*/
	promote(files: readonly string[]): void {
		const rank = new Map(files.map((file, index) => [file, index]));
		const promoted = this.#queue.filter((pending) => rank.has(pending.job.file));
		if (promoted.length === 0) {
			return;
		}

		promoted.sort(
			(left, right) => (rank.get(left.job.file) ?? 0) - (rank.get(right.job.file) ?? 0),
		);
		const rest = this.#queue.filter((pending) => !rank.has(pending.job.file));
		this.#queue.splice(0, this.#queue.length, ...promoted, ...rest);
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
		// Held until each has exited: with none holding the event loop, the process would end with
		// this promise pending, and the caller's shutdown (journal, summary) never ran.
		for (const worker of workers) worker.ref();
		await Promise.all(workers.map(async (worker) => worker.terminate()));
	}

	#pump(): void {
		while (this.#queue.length > 0 && this.#busy.size < this.#size) {
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
		// Making the worker's isolate reset the heap budget's young generation: set it again.
		worker.once('online', reassertHeapBudget);
		this.#workers++;
		worker.on('message', (reply: FeatureReply) => {
			// A reply already on its way when close() ran: its job was answered, and the worker,
			// being terminated, must stay held (unref here let the process exit mid-shutdown).
			if (this.#closed) return;
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
