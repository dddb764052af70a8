import {setTimeout as delay} from 'node:timers/promises';
import {classifyS3Error, isRetryable, type S3Failure, S3RequestError} from './s3-errors.js';

export type RetryPolicy = {
	/** Tries in all, the first included. */
	readonly attempts: number;
	readonly baseMs: number;
	readonly maxMs: number;
	/** 0 ≤ x < 1; tests pass a fixed one. */
	readonly random?: () => number;
};

export const defaultRetryPolicy: RetryPolicy = {attempts: 5, baseMs: 100, maxMs: 4000};

/**
"Full jitter" (AWS architecture blog): a uniform wait in [0, min(max, base·2^n)), so clients that
failed together do not retry together.
*/
export function backoffMs(policy: RetryPolicy, retry: number): number {
	const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** retry);
	return Math.floor((policy.random ?? Math.random)() * ceiling);
}

export type RetryOptions = {
	readonly policy?: RetryPolicy;
	readonly signal?: AbortSignal;
	/** Told about each failure that will be retried (offline ones set the network state). */
	readonly onRetry?: (failure: S3Failure, retry: number) => void;
};

/**
Runs one S3 request, retrying timeouts, 5xx, throttling and lost connections with backoff and
jitter. Anything else, or the last failure, is thrown as an S3RequestError naming `what`.
*/
export async function withRetries<T>(
	what: string,
	run: () => Promise<T>,
	options: RetryOptions = {},
): Promise<T> {
	const policy = options.policy ?? defaultRetryPolicy;
	for (let retry = 0; ; retry++) {
		options.signal?.throwIfAborted();
		try {
			return await run();
		} catch (error) {
			options.signal?.throwIfAborted();
			const failure = classifyS3Error(error);
			if (!isRetryable(failure) || retry + 1 >= policy.attempts) {
				throw new S3RequestError(what, failure, error);
			}

			options.onRetry?.(failure, retry);
			await delay(backoffMs(policy, retry), undefined, {signal: options.signal});
		}
	}
}
