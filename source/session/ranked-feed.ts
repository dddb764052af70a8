import {hasEntry} from '../core/persistent-map.js';
import {isOpen, type SessionState} from '../core/session-state.js';
import type {GuessSource, GuessView} from '../model/guess-source.js';
import {type Ranked, RankedHeap} from './ranked-heap.js';
import type {SessionStore} from './session-store.js';

export const guessOrders = ['uncertain', 'confident'] as const;
/** Guesses looked at per event-loop turn while ranking: about 2 ms of work. */
const viewsPerTurn = 400;
/** A model that changed is re-read over every held image at most this often. */
const rescoreEveryMs = 2000;
export type GuessOrder = (typeof guessOrders)[number];

/**
Which images to show next: those with a ready guess, least sure first (`uncertain`, active
learning) or surest first (`confident`, fast confirmation runs); images that cannot be guessed
last; ties by path so the order is the same on every run. Images still being guessed wait.
*/
export function rankCandidates(
	candidates: ReadonlyArray<{readonly path: string; readonly view: GuessView}>,
	order: GuessOrder,
	count: number,
): string[] {
	const ranked = candidates
		.filter(({view}) => view.status !== 'pending')
		.map(({path, view}) => ({
			path,
			key:
				view.status === 'ready'
					? order === 'uncertain'
						? view.guess.confidence
						: -view.guess.confidence
					: Number.POSITIVE_INFINITY,
		}));
	ranked.sort(
		(left, right) =>
			left.key - right.key || (left.path < right.path ? -1 : left.path > right.path ? 1 : 0),
	);
	return ranked.slice(0, count).map(({path}) => path);
}

/** Open items placed after the cursor that are still to be shown. */
function openAhead(state: SessionState, limit: number): number {
	let open = 0;
	const {paths, length} = state.catalog;
	for (let position = state.lowWater; position < length && open < limit; position++) {
		const path = paths[position];
		if (path !== undefined && isOpen(state, path)) {
			open++;
		}
	}

	return open;
}

/** The ranking key of a view: lower is shown sooner; undefined while pending. */
function keyOf(view: GuessView, order: GuessOrder): number | undefined {
	if (view.status === 'pending') return undefined;
	if (view.status === 'none') return Number.POSITIVE_INFINITY;
	return order === 'uncertain' ? view.guess.confidence : -view.guess.confidence;
}

/**
Feeds scanned images into the session in guess order instead of scan order. The session shows
catalog items in the order they were added, so the feed holds back undecided images and adds the
best-ranked few whenever fewer than `lead` are waiting. Held images sit in a heap by their guess:
a decision takes the best few in O(log n) and re-reads only the guesses still pending; when the
model itself changes (a learner learned), every held image is re-read in slices, at most once per
`rescoreEveryMs`. Decided and skipped images are added at once (they are not shown again, and
progress counts them). On resume the journal restores the decisions and the feed ranks what is
left with the same (cached) guesses.
*/
export class RankedFeed {
	readonly #store: SessionStore;
	readonly #source: GuessSource;
	readonly #order: GuessOrder;
	readonly #lead: number;
	/** Held images in scan order, with the key each was ranked by (undefined: pending). */
	readonly #held = new Map<string, number | undefined>();
	/** Held images whose guess was pending when last read. */
	readonly #unready = new Set<string>();
	readonly #heap = new RankedHeap();
	#model: string | undefined;
	#lastRescore = Number.NEGATIVE_INFINITY;
	#rescoreTimer: NodeJS.Timeout | undefined;
	#changed = false;
	#scanDone = false;
	#scheduled = false;
	#finished = false;
	#running: Promise<void> = Promise.resolve();
	readonly #stops: Array<() => void> = [];
	/** Guesses read so far: what ranking has cost (for the bench). */
	viewsRead = 0;

	constructor(store: SessionStore, source: GuessSource, order: GuessOrder, lead = 6) {
		this.#store = store;
		this.#source = source;
		this.#order = order;
		this.#lead = lead;
		this.#model = source.summary();
		this.#stops.push(
			store.subscribe(() => this.#schedule()),
			source.onChange(() => {
				this.#changed = true;
				this.#schedule();
			}),
		);
	}

	/** Takes a scanned batch: known items are added now, the rest held for ranking. */
	async add(paths: readonly string[]): Promise<void> {
		const state = this.#store.getState();
		const isKnown = (path: string) =>
			hasEntry(state.decisions, path) || hasEntry(state.skipped, path);
		const known = paths.filter((path) => isKnown(path));
		const unknown = paths.filter((path) => !isKnown(path) && !this.#held.has(path));
		for (const path of unknown) {
			this.#held.set(path, undefined);
			this.#unready.add(path);
		}

		this.#changed = true;
		this.#source.request(unknown);
		if (known.length > 0) {
			await this.#store.apply({type: 'items-found', paths: known});
		}

		this.#schedule();
	}

	/** The scan is over: once every held image is placed, the session hears the scan finished. */
	finish(): void {
		this.#scanDone = true;
		this.#schedule();
	}

	/** Resolves once the top-ups scheduled so far are done (for tests and the bench). */
	async idle(): Promise<void> {
		while (this.#scheduled) {
			await new Promise<void>((resolve) => {
				setImmediate(resolve);
			});
		}

		await this.#running;
	}

	stop(): void {
		clearTimeout(this.#rescoreTimer);
		for (const stop of this.#stops) {
			stop();
		}
	}

	#schedule(): void {
		if (this.#scheduled || this.#finished) {
			return;
		}

		this.#scheduled = true;
		setImmediate(() => {
			this.#scheduled = false;
			// One top-up at a time, each seeing the items the previous one added.
			this.#running = this.#running.then(async () => this.#topUp()).catch(() => undefined);
		});
	}

	/** Re-reads the guesses that may have changed, a slice per event-loop turn. */
	async #refresh(): Promise<void> {
		if (!this.#changed) return;
		this.#changed = false;
		const model = this.#source.summary();
		if (model !== this.#model) {
			const wait = this.#lastRescore + rescoreEveryMs - performance.now();
			if (wait > 0) {
				// Not on every decision: once the pause is over, the new model re-ranks them all.
				this.#rescoreTimer ??= setTimeout(() => {
					this.#rescoreTimer = undefined;
					this.#changed = true;
					this.#schedule();
				}, wait);
				this.#rescoreTimer.unref();
			} else {
				this.#model = model;
				this.#lastRescore = performance.now();
				for (const path of this.#held.keys()) this.#unready.add(path);
			}
		}

		let read = 0;
		for (const path of [...this.#unready]) {
			this.#read(path);
			if (++read % viewsPerTurn === 0) {
				await new Promise<void>((resolve) => {
					setImmediate(resolve);
				});
			}
		}

		if (this.#heap.size > this.#held.size * 2 + 1000) {
			const live: Ranked[] = [];
			for (const [path, key] of this.#held) if (key !== undefined) live.push({key, path});
			this.#heap.rebuild(live);
		}
	}

	#read(path: string): void {
		if (!this.#held.has(path)) {
			this.#unready.delete(path);
			return;
		}

		this.viewsRead++;
		const key = keyOf(this.#source.view(path), this.#order);
		if (key === undefined) return;
		this.#unready.delete(path);
		if (this.#held.get(path) !== key) {
			this.#held.set(path, key);
			this.#heap.push({key, path});
		}
	}

	/** The best `count` held images, taken out of the heap (stale entries dropped on the way). */
	#take(count: number): string[] {
		const picked: string[] = [];
		while (picked.length < count) {
			const entry = this.#heap.pop();
			if (entry === undefined) break;
			if (this.#held.get(entry.path) === entry.key && !picked.includes(entry.path)) {
				picked.push(entry.path);
			}
		}

		return picked;
	}

	async #topUp(): Promise<void> {
		await this.#refresh();
		const state = this.#store.getState();
		const wanted = this.#lead - openAhead(state, this.#lead);
		if (wanted > 0 && this.#held.size > 0) {
			let picked = this.#take(wanted);
			if (picked.length === 0 && state.cursor === undefined) {
				// Nothing ranked yet and nothing on screen: show the next scanned image, not a blank.
				const first = this.#held.keys().next();
				picked = first.done === true ? [] : [first.value];
			}

			if (picked.length > 0) {
				for (const path of picked) {
					this.#held.delete(path);
					this.#unready.delete(path);
				}

				await this.#store.apply({type: 'items-found', paths: picked});
			}
		}

		if (this.#scanDone && this.#held.size === 0 && !this.#finished) {
			this.#finished = true;
			await this.#store.apply({type: 'scan-finished'});
		}
	}
}
