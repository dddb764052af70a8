import {hasEntry} from '../core/persistent-map.js';
import {isOpen, type SessionState} from '../core/session-state.js';
import type {GuessSource, GuessView} from '../model/guess-source.js';
import type {SessionStore} from './session-store.js';

export const guessOrders = ['uncertain', 'confident'] as const;
/** Guesses looked at per event-loop turn while ranking: about 2 ms of work. */
const viewsPerTurn = 400;
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

/**
Feeds scanned images into the session in guess order instead of scan order. The session shows
catalog items in the order they were added, so the feed holds back undecided images and adds the
best-ranked few whenever fewer than `lead` are waiting: each pick uses the guesses as they are at
that moment, so a learner's progress re-ranks what is left. Decided and skipped images are added at
once (they are not shown again, and progress counts them). On resume the journal restores the
decisions and the feed ranks what is left with the same (cached) guesses.
*/
export class RankedFeed {
	readonly #store: SessionStore;
	readonly #source: GuessSource;
	readonly #order: GuessOrder;
	readonly #lead: number;
	#held: string[] = [];
	#scanDone = false;
	#scheduled = false;
	#finished = false;
	#running: Promise<void> = Promise.resolve();
	readonly #stops: Array<() => void> = [];

	constructor(store: SessionStore, source: GuessSource, order: GuessOrder, lead = 6) {
		this.#store = store;
		this.#source = source;
		this.#order = order;
		this.#lead = lead;
		this.#stops.push(
			store.subscribe(() => this.#schedule()),
			source.onChange(() => this.#schedule()),
		);
	}

	/** Takes a scanned batch: known items are added now, the rest held for ranking. */
	async add(paths: readonly string[]): Promise<void> {
		const state = this.#store.getState();
		const isKnown = (path: string) =>
			hasEntry(state.decisions, path) || hasEntry(state.skipped, path);
		const known = paths.filter((path) => isKnown(path));
		const unknown = paths.filter((path) => !isKnown(path));
		this.#held.push(...unknown);
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

	stop(): void {
		for (const stop of this.#stops) {
			stop();
		}
	}

	#schedule(): void {
		if (this.#scheduled || this.#finished) {
			return;
		}

		this.#scheduled = true;
		// Off the key's own path: ranking walks every held image.
		setImmediate(() => {
			this.#scheduled = false;
			// One top-up at a time, each seeing the items the previous one added.
			this.#running = this.#running.then(async () => this.#topUp()).catch(() => undefined);
		});
	}

	/**
	The current guess of every held image, a slice per event-loop turn: a learner's guess costs a
	few microseconds, and ten thousand of them in one go would stall a frame.
	*/
	async #viewsOfHeld(): Promise<Array<{path: string; view: GuessView}>> {
		const held = this.#held;
		const views: Array<{path: string; view: GuessView}> = [];
		for (let start = 0; start < held.length; start += viewsPerTurn) {
			for (const path of held.slice(start, start + viewsPerTurn)) {
				views.push({path, view: this.#source.view(path)});
			}

			if (start + viewsPerTurn < held.length) {
				await new Promise<void>((resolve) => {
					setImmediate(resolve);
				});
			}
		}

		return views;
	}

	async #topUp(): Promise<void> {
		const state = this.#store.getState();
		const wanted = this.#lead - openAhead(state, this.#lead);
		if (wanted > 0 && this.#held.length > 0) {
			const candidates = await this.#viewsOfHeld();
			let picked = rankCandidates(candidates, this.#order, wanted);
			if (picked.length === 0 && state.cursor === undefined) {
				// Nothing ranked yet and nothing on screen: show the next scanned image, not a blank.
				picked = this.#held.slice(0, 1);
			}

			if (picked.length > 0) {
				const chosen = new Set(picked);
				this.#held = this.#held.filter((path) => !chosen.has(path));
				await this.#store.apply({type: 'items-found', paths: picked});
			}
		}

		if (this.#scanDone && this.#held.length === 0 && !this.#finished) {
			this.#finished = true;
			await this.#store.apply({type: 'scan-finished'});
		}
	}
}
