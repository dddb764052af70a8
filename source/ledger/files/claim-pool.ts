import type {JournalRecord} from '../../core/journal-record.js';

/**
One session's pool of items, in the order offered: claimed items are handed out once, released
ones come back, decided ones never do (until an undo makes them undecided again).
*/
export class ClaimPool {
	readonly #waiting = new Set<string>();
	readonly #claimed = new Set<string>();
	readonly #decided = new Set<string>();
	/** The record each decision came from, so an undo knows which item it frees. */
	readonly #decidedBySeq = new Map<number, string>();

	offer(paths: readonly string[]): void {
		for (const item of paths) {
			if (!this.#claimed.has(item) && !this.#decided.has(item)) this.#waiting.add(item);
		}
	}

	claim(count: number): string[] {
		const taken: string[] = [];
		for (const item of this.#waiting) {
			if (taken.length >= count) break;
			this.#waiting.delete(item);
			this.#claimed.add(item);
			taken.push(item);
		}

		return taken;
	}

	release(paths: readonly string[]): void {
		for (const item of paths) {
			if (this.#claimed.delete(item)) this.#waiting.add(item);
		}
	}

	/** Takes a decision out of the pool, and an undone one back into it. */
	settle(record: JournalRecord): void {
		if (record.op === 'decide' || record.op === 'copy') {
			this.#decided.add(record.path);
			this.#decidedBySeq.set(record.seq, record.path);
			this.#waiting.delete(record.path);
			this.#claimed.delete(record.path);
		} else if (record.op === 'undo' || record.op === 'reopen') {
			const item = record.op === 'undo' ? this.#decidedBySeq.get(record.target) : record.path;
			if (item !== undefined && this.#decided.delete(item)) this.#waiting.add(item);
		}
	}
}
