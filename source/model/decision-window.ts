import {entries, type PersistentMap} from '../core/persistent-map.js';
import type {Decision} from '../core/session-state.js';
import {diffMaps} from './map-diff.js';

/**
Whether a decision is one to learn from: a person made or checked it. An auto-accepted guess is
the model's own answer; learning it would train the model on itself (self-training bias) and
make its measured accuracy look better than any person found it.
*/
export function learnable(decision: Decision): boolean {
	return decision.origin?.kind !== 'auto';
}

/** How the window changed: path → its label to learn, or undefined to forget it. */
export type WindowChange = ReadonlyMap<string, string | undefined>;

type Member = {readonly seq: number; readonly path: string};

function before(left: Member, right: Member): boolean {
	return left.seq < right.seq || (left.seq === right.seq && left.path < right.path);
}

/**
The most recent `limit` learnable decisions (by seq; auto-accepts left out), kept in step with the session's decisions map. A
learner gains nothing from a hundred thousand examples, and walking them all on every keypress
costs milliseconds, so each change is read from the map's changed buckets only. Undone members
leave the window smaller; once it is `slack` short of full it is refilled by one pass over all
decisions (also how it starts), so a run of undos costs one pass per `slack` of them.
*/
export class DecisionWindow {
	readonly limit: number;
	readonly #slack: number;
	#previous: PersistentMap<Decision> | undefined;
	readonly #members = new Map<string, Decision>();
	/** The members by ascending seq (ties by path): the oldest leaves first. */
	#order: Member[] = [];
	/** Decisions in the map that are not learnable (auto-accepted): the window cannot hold them. */
	#unlearnable = 0;
	/** Full passes over all decisions so far (tests count them). */
	passes = 0;

	constructor(limit = 1000, slack = Math.max(1, Math.floor(limit / 4))) {
		this.limit = limit;
		this.#slack = slack;
	}

	get size(): number {
		return this.#members.size;
	}

	/** Brings the window to `decisions`; returns what to learn and what to forget. */
	update(decisions: PersistentMap<Decision>): WindowChange {
		const change = new Map<string, string | undefined>();
		const previous = this.#previous;
		this.#previous = decisions;
		if (previous === undefined) {
			this.#refill(decisions, change);
			return change;
		}

		diffMaps(previous, decisions, (path, old, current) => {
			this.#unlearnable +=
				(current && !learnable(current) ? 1 : 0) - (old && !learnable(old) ? 1 : 0);
			this.#drop(path, change);
			if (current && learnable(current)) {
				this.#admit(path, current, change);
			}
		});
		const eligible = decisions.size - this.#unlearnable;
		if (this.#members.size < Math.min(this.limit, eligible) - this.#slack) {
			this.#refill(decisions, change);
		}

		return change;
	}

	#admit(path: string, decision: Decision, change: Map<string, string | undefined>): void {
		const member = {seq: decision.seq, path};
		const oldest = this.#order[0];
		if (this.#members.size >= this.limit && oldest && before(member, oldest)) {
			return;
		}

		this.#order.splice(this.#insertionPoint(member), 0, member);
		this.#members.set(path, decision);
		change.set(path, decision.label);
		while (this.#members.size > this.limit) {
			const evicted = this.#order.shift();
			if (evicted) {
				this.#members.delete(evicted.path);
				change.set(evicted.path, undefined);
			}
		}
	}

	#drop(path: string, change: Map<string, string | undefined>): void {
		const decision = this.#members.get(path);
		if (!decision) {
			return;
		}

		const index = this.#insertionPoint({seq: decision.seq, path});
		this.#order.splice(index, 1);
		this.#members.delete(path);
		change.set(path, undefined);
	}

	/** The index of the first member not before `member` (its own index when it is a member). */
	#insertionPoint(member: Member): number {
		let low = 0;
		let high = this.#order.length;
		while (low < high) {
			const middle = (low + high) >>> 1;
			const probe = this.#order[middle];
			if (probe && before(probe, member)) {
				low = middle + 1;
			} else {
				high = middle;
			}
		}

		return low;
	}

	/** One pass: keeps the newest `limit`, sorting a buffer of at most twice that as it goes. */
	#refill(decisions: PersistentMap<Decision>, change: Map<string, string | undefined>): void {
		this.passes++;
		const newestFirst = (left: Member, right: Member) => (before(left, right) ? 1 : -1);
		let newest: Array<Member & {readonly decision: Decision}> = [];
		this.#unlearnable = 0;
		for (const [path, decision] of entries(decisions)) {
			if (!learnable(decision)) {
				this.#unlearnable++;
				continue;
			}

			newest.push({seq: decision.seq, path, decision});
			if (newest.length >= this.limit * 2) {
				newest = newest.sort(newestFirst).slice(0, this.limit);
			}
		}

		newest = newest.sort(newestFirst).slice(0, this.limit);
		const kept = new Set(newest.map((member) => member.path));
		for (const path of [...this.#members.keys()]) {
			if (!kept.has(path)) {
				this.#members.delete(path);
				change.set(path, undefined);
			}
		}

		for (const {path, decision} of newest) {
			// By seq, not identity: a resumed snapshot's decision is a new object on each read.
			if (this.#members.get(path)?.seq !== decision.seq) {
				this.#members.set(path, decision);
				change.set(path, decision.label);
			}
		}

		this.#order = newest.reverse().map(({seq, path}) => ({seq, path}));
	}
}
