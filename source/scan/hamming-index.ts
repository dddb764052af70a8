import {popCount32} from '../image/pop-count.js';

/**
Near-duplicate search over 64-bit hashes by multi-index hashing (Norouzi et al.): the hash is cut
into four 16-bit chunks, and two hashes within distance d must agree within floor(d/4) bits on at
least one chunk (pigeonhole). So a query looks up, in each chunk's table, every value within that
small radius of its own chunk, and checks the few candidates in full.

Measured on 100k random hashes at d = 10 on the 2-core box: a BK-tree visited 34k nodes per query
(7 minutes in all); this index checks about 600 candidates per query and groups all 100k in about
2 s (the `nearIndex` figure of bench/check-bench.ts).
*/

/** Largest distance served: beyond it each chunk needs thousands of probes and groups mean little. */
export const maxIndexedDistance = 16;

const chunkCount = 4;
const chunkValues = 1 << 16;

/** 16-bit masks with at most `radius` bits set, fewest bits first. */
function masksWithin(radius: number): Uint16Array {
	const masks: number[] = [];
	for (let value = 0; value < chunkValues; value++) {
		if (popCount32(value) <= radius) {
			masks.push(value);
		}
	}

	return Uint16Array.from(masks.sort((left, right) => popCount32(left) - popCount32(right)));
}

export function parseHash64(hex: string): {high: number; low: number} {
	if (!/^[0-9a-f]{16}$/i.test(hex)) {
		throw new RangeError(`A 64-bit hash is 16 hex digits, got ${JSON.stringify(hex)}.`);
	}

	return {
		high: Number.parseInt(hex.slice(0, 8), 16) >>> 0,
		low: Number.parseInt(hex.slice(8, 16), 16) >>> 0,
	};
}

/** A static index over a list of hashes; build once, then query by position or by hash. */
export class HammingIndex {
	readonly size: number;
	private readonly high: Uint32Array;
	private readonly low: Uint32Array;
	/** Per chunk: where each chunk value's ids start in `ids` (counting sort, CSR layout). */
	private readonly starts: Uint32Array[];
	private readonly ids: Uint32Array[];
	private readonly seen: Uint32Array;
	private stamp = 0;

	/** Hashes as 16 hex digits each, or as their high and low 32-bit words (kept, not copied). */
	constructor(hashes: readonly string[] | {readonly high: Uint32Array; readonly low: Uint32Array}) {
		if (Array.isArray(hashes)) {
			this.size = hashes.length;
			this.high = new Uint32Array(this.size);
			this.low = new Uint32Array(this.size);
			for (const [index, hex] of hashes.entries()) {
				const {high, low} = parseHash64(hex);
				this.high[index] = high;
				this.low[index] = low;
			}
		} else {
			const words = hashes as {readonly high: Uint32Array; readonly low: Uint32Array};
			this.size = Math.min(words.high.length, words.low.length);
			this.high = words.high;
			this.low = words.low;
		}

		this.starts = [];
		this.ids = [];
		for (let chunk = 0; chunk < chunkCount; chunk++) {
			const starts = new Uint32Array(chunkValues + 1);
			for (let index = 0; index < this.size; index++) {
				const slot = this.chunkOf(index, chunk) + 1;
				starts[slot] = (starts[slot] ?? 0) + 1;
			}

			for (let value = 0; value < chunkValues; value++) {
				starts[value + 1] = (starts[value + 1] ?? 0) + (starts[value] ?? 0);
			}

			const fill = starts.slice(0, chunkValues);
			const ids = new Uint32Array(this.size);
			for (let index = 0; index < this.size; index++) {
				const value = this.chunkOf(index, chunk);
				ids[fill[value] ?? 0] = index;
				fill[value] = (fill[value] ?? 0) + 1;
			}

			this.starts.push(starts);
			this.ids.push(ids);
		}

		this.seen = new Uint32Array(this.size);
	}

	private chunkOf(index: number, chunk: number): number {
		const word = chunk < 2 ? (this.high[index] ?? 0) : (this.low[index] ?? 0);
		return chunk % 2 === 0 ? word >>> 16 : word & 0xffff;
	}

	distanceBetween(left: number, right: number): number {
		return (
			popCount32((this.high[left] ?? 0) ^ (this.high[right] ?? 0)) +
			popCount32((this.low[left] ?? 0) ^ (this.low[right] ?? 0))
		);
	}

	/**
	Calls `found(other, distance)` for every indexed hash within `maxDistance` of the hash at
	`index`, itself excluded, each once.
	*/
	forEachNear(
		index: number,
		maxDistance: number,
		found: (other: number, distance: number) => void,
	): void {
		const hash = {high: this.high[index] ?? 0, low: this.low[index] ?? 0};
		this.forEachNearHash(hash, maxDistance, found, index);
	}

	/**
	Calls `found(other, distance)` for every indexed hash within `maxDistance` of `hash` (which
	need not be indexed), each once; `exclude` is left out.
	*/
	forEachNearHash(
		hash: {readonly high: number; readonly low: number},
		maxDistance: number,
		found: (other: number, distance: number) => void,
		exclude = -1,
	): void {
		assertDistance(maxDistance);
		const masks = masksFor(Math.floor(maxDistance / chunkCount));
		// A fresh stamp marks candidates already checked during this query, without clearing.
		this.stamp = this.stamp === 0xffffffff ? 1 : this.stamp + 1;
		if (this.stamp === 1) {
			this.seen.fill(0);
		}

		const {seen, stamp, high, low} = this;
		if (exclude >= 0) {
			seen[exclude] = stamp;
		}

		const queryHigh = hash.high >>> 0;
		const queryLow = hash.low >>> 0;
		for (let chunk = 0; chunk < chunkCount; chunk++) {
			const word = chunk < 2 ? queryHigh : queryLow;
			const value = chunk % 2 === 0 ? word >>> 16 : word & 0xffff;
			const starts = this.starts[chunk] ?? new Uint32Array(chunkValues + 1);
			const ids = this.ids[chunk] ?? new Uint32Array();
			for (let maskAt = 0; maskAt < masks.length; maskAt++) {
				const probe = value ^ (masks[maskAt] ?? 0);
				const end = starts[probe + 1] ?? 0;
				for (let at = starts[probe] ?? 0; at < end; at++) {
					const other = ids[at] ?? 0;
					if (seen[other] === stamp) {
						continue;
					}

					seen[other] = stamp;
					const distance =
						popCount32(queryHigh ^ (high[other] ?? 0)) + popCount32(queryLow ^ (low[other] ?? 0));
					if (distance <= maxDistance) {
						found(other, distance);
					}
				}
			}
		}
	}
}

const maskCache = new Map<number, Uint16Array>();

/** Masks of at most `radius` set bits, computed once per radius. */
export function masksFor(radius: number): Uint16Array {
	let masks = maskCache.get(radius);
	if (masks === undefined) {
		masks = masksWithin(radius);
		maskCache.set(radius, masks);
	}

	return masks;
}

function assertDistance(maxDistance: number): void {
	if (!Number.isInteger(maxDistance) || maxDistance < 0 || maxDistance > maxIndexedDistance) {
		throw new RangeError(
			`The near-duplicate distance must be a whole number from 0 to ${maxIndexedDistance}, got ${maxDistance}.`,
		);
	}
}

/**
Groups hashes that are linked by chains of distance ≤ maxDistance (connected components). Equal
hashes are merged before indexing, so a thousand copies of one picture cost one index entry.
Returns the groups of two or more positions, each sorted, groups ordered by first position.
*/
export function groupNearHashes(hashes: readonly string[], maxDistance: number): number[][] {
	assertDistance(maxDistance);
	const uniqueOf = new Map<string, number>();
	const positionsOf: number[][] = [];
	for (const [position, hash] of hashes.entries()) {
		const key = hash.toLowerCase();
		let unique = uniqueOf.get(key);
		if (unique === undefined) {
			unique = positionsOf.length;
			uniqueOf.set(key, unique);
			positionsOf.push([]);
		}

		positionsOf[unique]?.push(position);
	}

	const index = new HammingIndex([...uniqueOf.keys()]);
	const parent = Int32Array.from({length: index.size}, (_, unique) => unique);
	const root = (node: number): number => {
		let at = node;
		while (parent[at] !== at) {
			const up = parent[at] ?? at;
			parent[at] = parent[up] ?? up; // Path halving keeps the trees flat.
			at = up;
		}

		return at;
	};

	for (let unique = 0; unique < index.size; unique++) {
		index.forEachNear(unique, maxDistance, (other) => {
			const [left, right] = [root(unique), root(other)];
			if (left !== right) {
				parent[Math.max(left, right)] = Math.min(left, right);
			}
		});
	}

	const members = new Map<number, number[]>();
	for (let unique = 0; unique < index.size; unique++) {
		const group = root(unique);
		const list = members.get(group) ?? [];
		list.push(...(positionsOf[unique] ?? []));
		members.set(group, list);
	}

	return [...members.values()]
		.filter((group) => group.length >= 2)
		.map((group) => group.sort((left, right) => left - right))
		.sort((left, right) => (left[0] ?? 0) - (right[0] ?? 0));
}
