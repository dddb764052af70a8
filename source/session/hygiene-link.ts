import {groupSource} from '../core/hygiene-steps.js';
import {getEntry, hasEntry} from '../core/persistent-map.js';
import {isInCatalog, type SessionState, upcomingItems} from '../core/session-state.js';
import type {NearJudge} from '../scan/groups.js';
import {NearCandidateSet, nearHashesOf} from '../scan/near-candidates.js';
import {Listeners} from '../shared/listeners.js';
import {copyConflict} from './copy-conflict.js';
import type {HygieneFacts} from './hygiene-feed.js';
import {NearVerdicts} from './near-verdicts.js';
import type {HygieneStatus, NearCopy} from './screen-contract.js';
import type {SessionStore} from './session-store.js';

/** What the link needs of the feed (a HygieneFeed, or a stand-in in tests). */
export type FactsFeed = {
	follow(
		priority: readonly string[],
		catalog: {readonly paths: readonly string[]; readonly length: number},
	): void;
	close(): Promise<void>;
};

export type HygieneLinkOptions = {
	readonly store: SessionStore;
	/** Most pHash bits that may differ for a near-copy candidate (check's default). */
	readonly nearDistance?: number;
	/** The thumbnail test, as `imgsift check`'s; the offer appears when its verdict arrives. */
	readonly judge: NearJudge;
	/** Items past the cursor checked first. */
	readonly ahead?: number;
	readonly now?: () => number;
};

export const defaultLoopNearDistance = 12;

/**
Turns the feed's facts into journal records through the store: `broken` for a file that is not a
usable image (before it reaches the cursor), `copy` for an exact copy of a decided item (whichever
of the two became known last). Also answers what the screen shows: copies and the nearest decided
look-alike of the item on screen.
*/
export class HygieneLink {
	readonly #options: HygieneLinkOptions;
	readonly #listeners = new Listeners();
	readonly #facts = new Map<string, HygieneFacts>();
	readonly #groups = new Map<string, string[]>();
	/** Each checked item's pHash and centre hash, for the near-copy search (check's rule). */
	readonly #phashes = new NearCandidateSet<string>();
	#searchedAt = -1;
	readonly #verdicts: NearVerdicts;
	readonly #journaling = new Set<Promise<void>>();
	#feed: FactsFeed | undefined;
	#lastTop: number | undefined;
	#lastBroken: HygieneStatus['lastBroken'];
	#status: {key: string; value: HygieneStatus} | undefined;
	/** Bumped only when facts arrive that can change what the screen shows. */
	#version = 0;
	/** The folder walk is over (in guess order the session hears `scan-finished` only at the end). */
	#walkEnded = false;

	constructor(options: HygieneLinkOptions) {
		this.#options = options;
		this.#verdicts = new NearVerdicts(options.judge, () => {
			this.#version++;
			this.#changed();
		});
		options.store.subscribe((state) => this.#stateChanged(state));
	}

	/** Connects the feed whose facts arrive through `accept`; starts it on the current state. */
	attach(feed: FactsFeed): void {
		this.#feed = feed;
		this.follow(this.#options.store.getState());
	}

	onChange(listener: () => void): () => void {
		return this.#listeners.add(listener);
	}

	/** The walk found every file: the checks may now sweep the whole catalog. */
	walkEnded(): void {
		this.#walkEnded = true;
		this.follow(this.#options.store.getState());
	}

	/** Points the feed at the cursor and what comes next. */
	follow(state: SessionState): void {
		const priority = state.cursor === undefined ? [] : [state.cursor];
		priority.push(...upcomingItems(state, this.#options.ahead ?? 8));
		// Until the scan ends only what the screen shows next is checked: the sweep's reads and
		// decodes would queue the walk's readdir calls behind them in libuv's thread pool.
		const walked = state.scanDone || this.#walkEnded;
		const sweep = walked ? state.catalog : {paths: state.catalog.paths, length: 0};
		this.#feed?.follow(priority, sweep);
		// The next image's near search now, after the frame, so its key does not wait for it; not
		// while a sweep adds hashes (each would void it before the key came).
		const next = priority[1];
		const stable = this.#phashes.version === this.#searchedAt;
		if (next !== undefined && stable) this.#phashes.nearOfKey(next, this.#nearLimit());
		this.#searchedAt = this.#phashes.version;
	}

	/** Stops the feed and waits for the records it started, so a commit after it sees them all. */
	async close(): Promise<void> {
		await this.#feed?.close();
		while (this.#journaling.size > 0) {
			await Promise.all(this.#journaling);
		}
	}

	#track(journaling: Promise<void>): void {
		// A record that cannot be written changes nothing (journal before state): the next check of
		// the file finds it again, and the user's own next key reports the journal's error.
		const settled = journaling
			.catch(() => undefined)
			.finally(() => this.#journaling.delete(settled));
		this.#journaling.add(settled);
	}

	/** One file's facts from the feed. */
	accept(facts: HygieneFacts): void {
		const state = this.#options.store.getState();
		this.#facts.set(facts.path, facts);
		const hashes = nearHashesOf(facts);
		if (hashes !== undefined) {
			this.#phashes.set(facts.path, hashes);
		}

		let visible = facts.path === state.cursor || hasEntry(state.decisions, facts.path);
		if (facts.reason !== undefined) {
			this.#track(this.#journalBroken(facts));
		} else if (facts.sha1 !== undefined) {
			const group = this.#groups.get(facts.sha1) ?? [];
			group.push(facts.path);
			this.#groups.set(facts.sha1, group);
			if (group.length > 1) {
				visible ||= state.cursor !== undefined && group.includes(state.cursor);
				this.#track(this.#journalCopies(group));
			}
		}

		if (visible) {
			this.#version++;
			this.#changed();
		}
	}

	/** Drops the facts of a changed file (a commit set it aside): no copy from its old content. */
	forget(path: string): void {
		const sha1 = this.#facts.get(path)?.sha1;
		this.#facts.delete(path);
		this.#phashes.delete(path);
		this.#verdicts.forget(path);
		const group = sha1 === undefined ? undefined : this.#groups.get(sha1);
		if (sha1 !== undefined && group) {
			const rest = group.filter((member) => member !== path);
			if (rest.length > 0) {
				this.#groups.set(sha1, rest);
			} else {
				this.#groups.delete(sha1);
			}
		}

		this.#version++;
	}

	/** Every checked path with the same bytes as `path`, itself included. */
	readonly sameContent = (path: string): readonly string[] =>
		this.#groups.get(this.#facts.get(path)?.sha1 ?? '') ?? [];

	/** What the side panel shows about the item on screen. Same object until something changed. */
	status(state: SessionState): HygieneStatus {
		const key = `${state.cursor ?? ''}\u0000${state.lastSeq}\u0000${this.#version}`;
		if (this.#status?.key !== key) {
			const path = state.cursor;
			const sha1 = path === undefined ? undefined : this.#facts.get(path)?.sha1;
			const near = path === undefined ? undefined : this.nearOf(state, path);
			const conflict = copyConflict(state, this.sameContent);
			this.#status = {
				key,
				value: {
					copies: sha1 === undefined ? 1 : (this.#groups.get(sha1)?.length ?? 1),
					broken: state.broken.size,
					...(near ? {near} : {}),
					...(this.#lastBroken ? {lastBroken: this.#lastBroken} : {}),
					...(conflict ? {conflict} : {}),
				},
			};
		}

		return this.#status.value;
	}

	#nearLimit(): number {
		return this.#options.nearDistance ?? defaultLoopNearDistance;
	}

	/** The closest decided near copy of `path` (not an exact one) whose thumbnail test passed. */
	nearOf(state: SessionState, path: string): NearCopy | undefined {
		const sha1 = this.#facts.get(path)?.sha1;
		// Candidates come from the index, so the cost does not grow with the decisions made.
		const limit = this.#nearLimit();
		let best: NearCopy | undefined;
		for (const [other, distance] of this.#phashes.nearOfKey(path, limit)) {
			const decision = getEntry(state.decisions, other);
			if (other === path || decision === undefined || this.#facts.get(other)?.sha1 === sha1) {
				continue;
			}

			if (!this.#verdicts.passes(path, other)) {
				continue;
			}

			const closer =
				best === undefined ||
				distance < best.distance ||
				(distance === best.distance && other < best.path);
			if (closer) {
				best = {path: other, label: decision.label, distance};
			}
		}

		return best;
	}

	#stateChanged(state: SessionState): void {
		const top = state.history?.top;
		if (top !== undefined && top.seq !== this.#lastTop) {
			this.#lastTop = top.seq;
			const sha1 = this.#facts.get(top.path)?.sha1;
			const group = sha1 === undefined ? undefined : this.#groups.get(sha1);
			if (group && group.length > 1 && hasEntry(state.decisions, top.path)) {
				this.#track(this.#journalCopies(group));
			}
		}
	}

	async #journalBroken(facts: HygieneFacts): Promise<void> {
		const {path, size, mtimeMs, reason, detail} = facts;
		if (reason === undefined) {
			return;
		}

		const applied = await this.#options.store.apply((state) =>
			isInCatalog(state.catalog, path) &&
			!hasEntry(state.decisions, path) &&
			!hasEntry(state.broken, path)
				? {
						type: 'broken',
						time: this.#time(),
						item: {path, size, mtimeMs},
						reason,
						detail: detail ?? '',
					}
				: undefined,
		);
		if (applied) {
			this.#lastBroken = {path, reason, detail: detail ?? ''};
			this.#version++;
			this.#changed();
		}
	}

	/** Decides every undecided member of an exact-copy group like its decided member, if any. */
	async #journalCopies(group: readonly string[]): Promise<void> {
		for (const member of [...group]) {
			const facts = this.#facts.get(member);
			if (!facts) {
				continue;
			}

			await this.#options.store.apply((state) => {
				const source = groupSource(state, group);
				const decision = source === undefined ? undefined : getEntry(state.decisions, source);
				if (
					source === undefined ||
					decision === undefined ||
					member === source ||
					hasEntry(state.decisions, member) ||
					hasEntry(state.broken, member) ||
					hasEntry(state.moved, member) ||
					!isInCatalog(state.catalog, member)
				) {
					return undefined;
				}

				const item = {path: member, size: facts.size, mtimeMs: facts.mtimeMs};
				return {type: 'copy', time: this.#time(), item, of: source, label: decision.label};
			});
		}
	}

	#changed(): void {
		this.#listeners.emit();
	}

	#time(): string {
		return new Date((this.#options.now ?? Date.now)()).toISOString();
	}
}
