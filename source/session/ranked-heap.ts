/** An entry of the ranking: the lower the key the sooner it is shown; ties by path. */
export type Ranked = {readonly key: number; readonly path: string};

function before(left: Ranked, right: Ranked): boolean {
	return left.key < right.key || (left.key === right.key && left.path < right.path);
}

/**
A binary min-heap of ranked paths: O(log n) to add or take the best, so picking the next images
does not sort every held image again. Stale entries (a path re-ranked or gone) are left in place
and skipped by the caller when they surface; `rebuild` drops them all at once.
*/
export class RankedHeap {
	#items: Ranked[] = [];

	get size(): number {
		return this.#items.length;
	}

	push(entry: Ranked): void {
		const items = this.#items;
		items.push(entry);
		let at = items.length - 1;
		while (at > 0) {
			const parent = (at - 1) >> 1;
			const above = items[parent] as Ranked;
			if (!before(entry, above)) break;
			items[at] = above;
			at = parent;
		}

		items[at] = entry;
	}

	pop(): Ranked | undefined {
		const items = this.#items;
		const top = items[0];
		const last = items.pop();
		if (top === undefined || last === undefined || items.length === 0) {
			return top;
		}

		let at = 0;
		for (;;) {
			const left = at * 2 + 1;
			if (left >= items.length) break;
			const right = left + 1;
			const child =
				right < items.length && before(items[right] as Ranked, items[left] as Ranked)
					? right
					: left;
			const smaller = items[child] as Ranked;
			if (!before(smaller, last)) break;
			items[at] = smaller;
			at = child;
		}

		items[at] = last;
		return top;
	}

	/** Replaces the contents with `entries` in O(n). */
	rebuild(entries: Iterable<Ranked>): void {
		const items = [...entries];
		this.#items = [];
		items.sort((left, right) => (before(left, right) ? -1 : before(right, left) ? 1 : 0));
		// A sorted array is a valid heap.
		this.#items = items;
	}
}
