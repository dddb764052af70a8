/**
Records go to the local journal first, then here: the outbox sends them to PostgreSQL in order, in
batches, each record once (`ON CONFLICT DO NOTHING` on (dataset, user, seq)), and keeps them while
the database is away, retrying until it is back. Only a newly stored record changes seats; a vote
on an item someone else took first is refused by the database and reported through `refused`.
*/
import type {Pool} from 'pg';
import type {LedgerStatus} from '../ledger.js';
import {type Outgoing, storeBatch} from './marks-sql.js';
import type {Refusal} from './refusals.js';

export type {Outgoing} from './marks-sql.js';

export type Outbox = {
	send(outgoing: readonly Outgoing[]): void;
	/** Resolves true once everything queued is stored, false when `timeoutMs` passed first. */
	drain(timeoutMs: number): Promise<boolean>;
	readonly pending: number;
	/** Stops retrying; what is queued stays in the local journal for the next session. */
	stop(): void;
};

const batchSize = 200;
const retryMs = 500;
/** Deadlock and serialization failures: nothing is wrong with the connection, so again at once. */
const retryNow = new Set(['40P01', '40001']);

export function createOutbox(options: {
	readonly pool: Pool;
	readonly datasetId: string;
	readonly user: string;
	/** Called after every attempt: online after a stored batch, offline (with why) after a failure. */
	readonly report: (status: Omit<LedgerStatus, 'pending'>) => void;
	readonly describe: (error: unknown) => string;
	/** Records the database refused (their item was taken by someone else first). */
	readonly refused: (refusals: readonly Refusal[]) => void;
}): Outbox {
	const queue: Outgoing[] = [];
	let busy = false;
	let retry: NodeJS.Timeout | undefined;
	let stopped = false;
	const drained = new Set<() => void>();

	const store = async (batch: readonly Outgoing[]): Promise<readonly Refusal[]> => {
		const client = await options.pool.connect();
		// A server going away mid-transaction also emits 'error': the failed query reports it.
		const ignore = () => undefined;
		client.on('error', ignore);
		try {
			await client.query('BEGIN');
			const refused = await storeBatch(client, options.datasetId, options.user, batch);
			await client.query('COMMIT');
			client.off('error', ignore);
			client.release();
			return refused;
		} catch (error) {
			await client.query('ROLLBACK').catch(() => undefined);
			// A broken connection must not go back to the pool. Its handler stays: the server's
			// goodbye (57P01 on a restart) can still arrive after the release, and would crash us.
			client.release(error instanceof Error ? error : true);
			throw error;
		}
	};

	const run = async (): Promise<void> => {
		while (queue.length > 0 && !stopped) {
			const batch = queue.slice(0, batchSize);
			let refused: readonly Refusal[];
			try {
				refused = await store(batch);
			} catch (error) {
				// Two writers locking the same seats: the database picked this one to go again.
				if (retryNow.has(String((error as {code?: unknown}).code))) {
					continue;
				}

				options.report({online: false, reason: options.describe(error)});
				retry = setTimeout(kick, retryMs);
				retry.unref();
				return;
			}

			queue.splice(0, batch.length);
			options.report({online: true});
			if (refused.length > 0) {
				options.refused(refused);
			}
		}

		for (const resolve of drained) {
			resolve();
		}
	};

	function kick(): void {
		retry = undefined;
		if (busy) {
			return;
		}

		busy = true;
		run().finally(() => {
			busy = false;
			// Sent between the last batch and now: go again.
			if (queue.length > 0 && retry === undefined && !stopped) {
				kick();
			}
		});
	}

	return {
		send(outgoing) {
			queue.push(...outgoing);
			if (retry === undefined && !stopped) {
				kick();
			}
		},
		async drain(timeoutMs) {
			if (queue.length === 0) {
				return true;
			}

			return new Promise<boolean>((resolve) => {
				const done = () => {
					clearTimeout(timer);
					drained.delete(done);
					resolve(queue.length === 0);
				};

				const timer = setTimeout(done, timeoutMs);
				drained.add(done);
			});
		},
		get pending() {
			return queue.length;
		},
		stop() {
			stopped = true;
			clearTimeout(retry);
			for (const resolve of drained) {
				resolve();
			}
		},
	};
}
