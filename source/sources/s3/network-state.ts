export type NetworkState = 'online' | 'offline';

export type NetworkMonitor = {
	state(): NetworkState;
	/** A request failed because the store could not be reached. */
	lost(reason: string): void;
	/** A request went through. */
	reached(): void;
	/** Resolves once online (at once when online now). */
	whenOnline(signal?: AbortSignal): Promise<void>;
	/** Calls back on each change; returns the unsubscribe function. */
	subscribe(listener: (state: NetworkState, reason: string) => void): () => void;
	close(): void;
};

/**
Tracks whether the store answers. Offline, it probes (a cheap request) on a growing interval up to
`maxProbeMs`, and goes online again on the first answer or on any request that gets through.
*/
export function createNetworkMonitor(options: {
	readonly probe: () => Promise<void>;
	readonly firstProbeMs?: number;
	readonly maxProbeMs?: number;
}): NetworkMonitor {
	const firstProbeMs = options.firstProbeMs ?? 500;
	const maxProbeMs = options.maxProbeMs ?? 10_000;
	let state: NetworkState = 'online';
	let timer: NodeJS.Timeout | undefined;
	let closed = false;
	const listeners = new Set<(state: NetworkState, reason: string) => void>();
	let waiters: Array<() => void> = [];

	const set = (next: NetworkState, reason: string) => {
		if (next === state) {
			return;
		}

		state = next;
		for (const listener of listeners) {
			listener(next, reason);
		}

		if (next === 'online') {
			clearTimeout(timer);
			timer = undefined;
			const woken = waiters;
			waiters = [];
			for (const wake of woken) {
				wake();
			}
		}
	};

	const schedule = (delayMs: number) => {
		if (closed || state === 'online') {
			return;
		}

		timer = setTimeout(() => {
			options.probe().then(
				() => set('online', 'the store answers again'),
				() => schedule(Math.min(maxProbeMs, delayMs * 2)),
			);
		}, delayMs);
		timer.unref();
	};

	return {
		state: () => state,
		lost(reason) {
			if (state === 'online') {
				set('offline', reason);
				schedule(firstProbeMs);
			}
		},
		reached() {
			set('online', 'the store answers again');
		},
		whenOnline(signal) {
			if (state === 'online') {
				return Promise.resolve();
			}

			return new Promise((resolve, reject) => {
				const wake = () => resolve();
				waiters.push(wake);
				signal?.addEventListener('abort', () => {
					waiters = waiters.filter((waiter) => waiter !== wake);
					reject(signal.reason);
				});
			});
		},
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		close() {
			closed = true;
			clearTimeout(timer);
		},
	};
}
