/**
Runs `work` on the items of `source` with at most `limit` in flight, pulling items only as workers
free up, so a long stream never piles up in memory. Once `signal` aborts, no new item is taken;
the promise resolves after the items in flight finish. The first error (from `work` or from
the source) stops the other workers too, and is rethrown once they have finished.
*/
export async function forEachConcurrently<T>(
	source: AsyncIterable<T>,
	limit: number,
	work: (item: T) => Promise<void>,
	signal?: AbortSignal,
): Promise<void> {
	if (!Number.isInteger(limit) || limit < 1) {
		throw new RangeError(`The worker count must be a whole number of at least 1, got ${limit}.`);
	}

	const iterator = source[Symbol.asyncIterator]();
	let failed = false;
	let failure: unknown;
	let exhausted = false;
	const stopped = () => failed || exhausted || signal?.aborted === true;

	const fail = (error: unknown) => {
		if (!failed) {
			failed = true;
			failure = error;
		}
	};

	const worker = async (): Promise<void> => {
		try {
			while (!stopped()) {
				const step = await iterator.next();
				if (step.done) {
					exhausted = true;
					return;
				}

				await work(step.value);
			}
		} catch (error) {
			fail(error);
		}
	};

	await Promise.all(Array.from({length: limit}, worker));
	if (!exhausted) {
		// Let the source clean up (close its folders) when we stop before its end.
		await iterator.return?.().catch(fail);
	}

	if (failed) {
		throw failure;
	}
}

export type Gate = {
	/** Runs `task` alongside at most `limit - 1` other shared tasks. */
	shared<R>(task: () => Promise<R>): Promise<R>;
	/** Runs `task` alone: waits for the shared tasks in flight, and holds back new ones. */
	exclusive<R>(task: () => Promise<R>): Promise<R>;
};

/**
A limiter with an exclusive mode, first come first served (a waiting exclusive task holds back
shared tasks that arrive after it, so it cannot starve).
*/
export function createGate(limit: number): Gate {
	if (!Number.isInteger(limit) || limit < 1) {
		throw new RangeError(`The limit must be a whole number of at least 1, got ${limit}.`);
	}

	let active = 0;
	let alone = false;
	const waiting: Array<{exclusive: boolean; start: () => void}> = [];
	const pump = () => {
		for (let next = waiting[0]; next !== undefined; next = waiting[0]) {
			if (alone || (next.exclusive ? active > 0 : active >= limit)) {
				return;
			}

			waiting.shift();
			if (next.exclusive) {
				alone = true;
			} else {
				active++;
			}

			next.start();
		}
	};

	const run = async <R>(exclusive: boolean, task: () => Promise<R>): Promise<R> => {
		await new Promise<void>((start) => {
			waiting.push({exclusive, start});
			pump();
		});
		try {
			return await task();
		} finally {
			if (exclusive) {
				alone = false;
			} else {
				active--;
			}

			pump();
		}
	};

	return {shared: (task) => run(false, task), exclusive: (task) => run(true, task)};
}
