import {popCount32} from '../image/perceptual-hash.js';
import {masksFor, maxIndexedDistance} from './hamming-index.js';

export type Hash64 = {readonly high: number; readonly low: number};

const chunkCount = 4;

function chunkOf(hash: Hash64, chunk: number): number {
	const word = chunk < 2 ? hash.high : hash.low;
	return chunk % 2 === 0 ? word >>> 16 : word & 0xffff;
}

/**
A growing and shrinking set of keyed 64-bit hashes with near search, by the same multi-index
hashing as HammingIndex (which is built once for a whole check): each 16-bit chunk has a table,
and a query probes the chunk values within floor(d/4) bits of its own. The labeling loop adds
hashes as the background checks find them, so asking "which decided image is near this one"
costs a few hundred lookups instead of a pass over every decision.
*/
export class NearHashSet<Key> {
	readonly #hashes = new Map<Key, Hash64>();
	readonly #tables = Array.from({length: chunkCount}, () => new Map<number, Set<Key>>());

	get size(): number {
		return this.#hashes.size;
	}

	get(key: Key): Hash64 | undefined {
		return this.#hashes.get(key);
	}

	set(key: Key, hash: Hash64): void {
		this.delete(key);
		this.#hashes.set(key, hash);
		for (const [chunk, table] of this.#tables.entries()) {
			const value = chunkOf(hash, chunk);
			const keys = table.get(value) ?? new Set<Key>();
			keys.add(key);
			table.set(value, keys);
		}
	}

	delete(key: Key): void {
		const hash = this.#hashes.get(key);
		if (hash === undefined) {
			return;
		}

		this.#hashes.delete(key);
		for (const [chunk, table] of this.#tables.entries()) {
			const value = chunkOf(hash, chunk);
			const keys = table.get(value);
			keys?.delete(key);
			if (keys?.size === 0) {
				table.delete(value);
			}
		}
	}

	/** Calls `found` once for every other key within `maxDistance` bits of `hash`. */
	near(hash: Hash64, maxDistance: number, found: (key: Key, distance: number) => void): void {
		if (!Number.isInteger(maxDistance) || maxDistance < 0 || maxDistance > maxIndexedDistance) {
			throw new RangeError(
				`The near distance must be a whole number from 0 to ${maxIndexedDistance}, got ${maxDistance}.`,
			);
		}

		const masks = masksFor(Math.floor(maxDistance / chunkCount));
		const seen = new Set<Key>();
		for (const [chunk, table] of this.#tables.entries()) {
			const own = chunkOf(hash, chunk);
			for (const mask of masks) {
				for (const key of table.get(own ^ mask) ?? []) {
					if (seen.has(key)) {
						continue;
					}

					seen.add(key);
					const other = this.#hashes.get(key);
					const distance =
						other === undefined
							? Number.POSITIVE_INFINITY
							: popCount32(hash.high ^ other.high) + popCount32(hash.low ^ other.low);
					if (distance <= maxDistance) {
						found(key, distance);
					}
				}
			}
		}
	}
}
