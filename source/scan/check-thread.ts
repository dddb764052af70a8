import {Worker} from 'node:worker_threads';
import {reassertHeapBudget} from '../shared/heap-budget.js';
import {checkFile} from './check.js';
import type {CheckJob, CheckKey, CheckReply} from './check-messages.js';
import type {FileFacts} from './check-types.js';

/** The worker script beside this module: works from dist/ and from the dev build. */
const defaultWorkerUrl = new URL('./check-worker.js', import.meta.url);

/** Crashes after which the thread is given up and every check runs on the calling thread. */
const crashesTolerated = 2;

type Pending = {
	readonly job: CheckJob;
	readonly resolve: (facts: FileFacts) => void;
	readonly reject: (error: unknown) => void;
};

/**
Runs `checkFile` (read, SHA-1, validating decode, hashes) in one worker thread, a file at a time.
On the label screen's thread those checks cost about 1 s in every 24 at 100,000 files (reading,
hashing and the synchronous part of each sharp call), and a key that came meanwhile waited.
Nothing is lost when the thread fails: its job is checked on the calling thread instead.
*/
export class CheckThread {
	readonly #workerUrl: URL;
	readonly #queue: Pending[] = [];
	#worker: Worker | undefined;
	#inFlight: Pending | undefined;
	#nextId = 1;
	#crashes = 0;
	#closed = false;
	#closing: Promise<void> | undefined;
	#drained: (() => void) | undefined;

	constructor(workerUrl: URL = defaultWorkerUrl) {
		this.#workerUrl = workerUrl;
	}

	/** True while the worker thread is given up (it crashed too often): checks run here. */
	get onCallingThread(): boolean {
		return this.#crashes >= crashesTolerated;
	}

	/** The same answer as `checkFile(file, key, maxPixels)`, computed in the worker thread. */
	async check(file: string, key: CheckKey, maxPixels: number): Promise<FileFacts> {
		if (this.#closed || this.onCallingThread) {
			return checkFile(file, key, maxPixels);
		}

		return new Promise((resolve, reject) => {
			this.#queue.push({job: {id: this.#nextId++, file, key, maxPixels}, resolve, reject});
			this.#pump();
		});
	}

	/** Lets the jobs already sent finish, then stops the thread; every call waits for that. */
	async close(): Promise<void> {
		this.#closing ??= this.#close();
		return this.#closing;
	}

	async #close(): Promise<void> {
		this.#closed = true;
		if (this.#inFlight !== undefined || this.#queue.length > 0) {
			await new Promise<void>((resolve) => {
				this.#drained = resolve;
			});
		}

		const worker = this.#worker;
		this.#worker = undefined;
		if (worker) {
			// Held until it has exited, so the process does not end with this promise pending.
			worker.ref();
			await worker.terminate();
		}
	}

	#pump(): void {
		if (this.#inFlight !== undefined) {
			return;
		}

		const next = this.#queue.shift();
		if (next === undefined) {
			this.#worker?.unref(); // An idle thread does not hold up the process's exit.
			this.#drained?.();
			return;
		}

		if (this.onCallingThread) {
			this.#runHere(next);
			return;
		}

		const worker = this.#worker ?? this.#spawn();
		this.#inFlight = next;
		worker.ref();
		worker.postMessage(next.job);
	}

	/** Checks a job on this thread (the worker failed it), then goes on with the queue. */
	#runHere(pending: Pending): void {
		this.#inFlight = pending;
		const {file, key, maxPixels} = pending.job;
		checkFile(file, key, maxPixels)
			.then(pending.resolve, pending.reject)
			.finally(() => {
				this.#inFlight = undefined;
				this.#pump();
			});
	}

	#spawn(): Worker {
		const worker = new Worker(this.#workerUrl);
		// A new isolate resets the heap budget's young-generation hold: set it again.
		worker.once('online', reassertHeapBudget);
		worker.on('message', (reply: CheckReply) => {
			const pending = this.#inFlight;
			if (pending === undefined || pending.job.id !== reply.id) {
				return;
			}

			if ('facts' in reply) {
				this.#inFlight = undefined;
				pending.resolve(reply.facts);
				this.#pump();
			} else {
				this.#runHere(pending);
			}
		});
		// A failure of the thread itself (its script, its memory), not of a file: those are replies.
		// 'exit' follows 'error' too; an exit after close() is ours, and the worker is no longer held.
		worker.on('error', () => undefined);
		worker.on('exit', () => {
			if (this.#worker !== worker) {
				return;
			}

			this.#crashes++;
			this.#worker = undefined;
			const pending = this.#inFlight;
			if (pending) {
				this.#runHere(pending);
			} else {
				this.#pump();
			}
		});
		this.#worker = worker;
		return worker;
	}
}
