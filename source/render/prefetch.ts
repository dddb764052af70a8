import type {CellBox, RenderedFrame} from './types.js';

export type LoadFrame<F = RenderedFrame> = (path: string, box: CellBox) => Promise<F>;

export interface FrameCacheOptions<F = RenderedFrame> {
	readonly load: LoadFrame<F>;
	/** How many of the paths given to prefetch() to load ahead. */
	readonly ahead: number;
	/** Settled entries (frames and failures) kept; least recently used go first. Keep > ahead. */
	readonly max: number;
	/** Loads running at once before prefetch waits; a get() for the current image never waits. */
	readonly maxInFlight?: number;
}

export interface FrameCache<F = RenderedFrame> {
	/** The frame, loading it once however often it is asked for; a cached failure rejects again. */
	get(path: string, box: CellBox): Promise<F>;
	/** The frame if it is already loaded for this box, without waiting. For the render path. */
	peek(path: string, box: CellBox): F | undefined;
	/** The cached failure for this path and box, if loading it failed. */
	peekError(path: string, box: CellBox): unknown;
	/** Loads the first `ahead` of `paths` in the background; replaces any earlier prefetch list. */
	prefetch(paths: readonly string[], box: CellBox): void;
	/** Drops what is known of `path` (its file changed): the next get() loads it afresh. */
	forget(path: string): void;
	/** Settled entries held (for tests and status lines). */
	readonly size: number;
}

type Settled<F> = {ok: true; frame: F} | {ok: false; error: unknown};

const boxKeyOf = (box: CellBox) => `${box.columns}x${box.rows}`;

function assertCount(name: string, value: number, minimum: number): void {
	if (!Number.isInteger(value) || value < minimum) {
		throw new RangeError(
			`createFrameCache: ${name} must be a whole number ≥ ${minimum}, got ${value}.`,
		);
	}
}

/**
 * Frames for one box size. A box change (terminal resize) drops every entry of the old size;
 * loads of the old size still running settle for their callers but are not stored.
 */
export function createFrameCache<F = RenderedFrame>(options: FrameCacheOptions<F>): FrameCache<F> {
	const {load, ahead, max, maxInFlight = 2} = options;
	assertCount('ahead', ahead, 0);
	assertCount('max', max, 1);
	assertCount('maxInFlight', maxInFlight, 1);

	let currentBox: CellBox | undefined;
	let currentKey = '';
	/** Map order is recency order: the first entry is the least recently used. */
	const settled = new Map<string, Settled<F>>();
	const inFlight = new Map<string, Promise<F>>();
	let waiting: string[] = [];
	/** Bumped by forget(): a load that started before must not store what it read. */
	let generation = 0;

	const flightKey = (boxKey: string, path: string) => `${boxKey}\u0000${path}`;

	function switchToBox(box: CellBox): void {
		const key = boxKeyOf(box);
		if (key === currentKey) return;
		currentBox = box;
		currentKey = key;
		settled.clear();
		waiting = [];
	}

	function touch(path: string): Settled<F> | undefined {
		const entry = settled.get(path);
		if (entry) {
			settled.delete(path);
			settled.set(path, entry);
		}
		return entry;
	}

	function store(boxKey: string, path: string, entry: Settled<F>, startedAt: number): void {
		if (boxKey !== currentKey || startedAt !== generation) return;
		settled.delete(path);
		settled.set(path, entry);
		for (const oldest of settled.keys()) {
			if (settled.size <= max) break;
			settled.delete(oldest);
		}
	}

	function start(path: string, box: CellBox): Promise<F> {
		const boxKey = boxKeyOf(box);
		const key = flightKey(boxKey, path);
		const startedAt = generation;
		const finish = (entry: Settled<F>) => {
			store(boxKey, path, entry, startedAt);
			if (inFlight.get(key) === promise) inFlight.delete(key);
			pump();
		};
		const promise = Promise.resolve()
			.then(() => load(path, box))
			.then(
				(frame) => {
					finish({ok: true, frame});
					return frame;
				},
				(error: unknown) => {
					finish({ok: false, error});
					throw error;
				},
			);
		// Background loads may have no listener yet; the failure is kept for get() and peekError().
		promise.catch(() => {});
		inFlight.set(key, promise);
		return promise;
	}

	function pump(): void {
		while (currentBox && inFlight.size < maxInFlight && waiting.length > 0) {
			const path = waiting.shift();
			if (path === undefined) break;
			if (settled.has(path) || inFlight.has(flightKey(currentKey, path))) continue;
			start(path, currentBox);
		}
	}

	return {
		get(path, box) {
			switchToBox(box);
			const entry = touch(path);
			if (entry) return entry.ok ? Promise.resolve(entry.frame) : Promise.reject(entry.error);
			return inFlight.get(flightKey(currentKey, path)) ?? start(path, box);
		},
		peek(path, box) {
			if (boxKeyOf(box) !== currentKey) return undefined;
			const entry = touch(path);
			return entry?.ok ? entry.frame : undefined;
		},
		peekError(path, box) {
			if (boxKeyOf(box) !== currentKey) return undefined;
			const entry = settled.get(path);
			return entry && !entry.ok ? entry.error : undefined;
		},
		prefetch(paths, box) {
			switchToBox(box);
			const window = paths.slice(0, ahead);
			// Refresh the nearest last so the farthest ahead is evicted first.
			for (const path of [...window].reverse()) touch(path);
			waiting = window.filter(
				(path) => !settled.has(path) && !inFlight.has(flightKey(currentKey, path)),
			);
			pump();
		},
		forget(path) {
			generation++;
			settled.delete(path);
			inFlight.delete(flightKey(currentKey, path));
		},
		get size() {
			return settled.size;
		},
	};
}
