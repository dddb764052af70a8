import {settleWithin} from '../shared/settle-within.js';

/**
Passes `batches` on, holding the second one until `first` settles or `maxMs` pass, whichever is
sooner. The scan uses it so the first image paints before the next thousands of found items are
folded into the session on the same thread.
*/
export async function* holdAfterFirst<T>(
	batches: AsyncIterable<T>,
	first: Promise<unknown> | undefined,
	maxMs: number,
): AsyncGenerator<T, void, undefined> {
	let count = 0;
	for await (const batch of batches) {
		if (count++ === 1 && first) {
			await settleWithin(
				first.catch(() => undefined),
				maxMs,
			);
		}

		yield batch;
	}
}
