import {parseHash64} from './hamming-index.js';
import {type Hash64, NearHashSet} from './near-hash-set.js';

/**
Which images are near-duplicate candidates, the one rule `check` (scan/groups.ts) and the label
screen (session/hygiene-link.ts) share. An image has two hashes: its pHash, and the pHash of its
centre as if a small crop had been taken (image/dct-hash.ts pHashOfCentre). Two images are
candidates when, within the distance, their pHashes agree (the same framing), or one's centre
hash agrees with the other's pHash (the other is a small crop of it). The thumbnail test
(image/near-match.ts) then decides, comparing the same framings.

A crop's lookups use at most `cropDistance` bits: measured with bench/near-dup-bench.ts (3% off
every side), six of 68 crops were 14 to 22 bits from their original by pHash and 0 to 2 bits by
the centre hash. The smaller radius keeps them cheap (137 probes per 16-bit chunk against 697 at
12 bits): at 100,000 images the three lookups at 12 bits took 3.4 times one lookup's time.
*/

/** Most bits a crop's lookups allow (or the plain distance, when that is smaller). */
export const cropDistance = 8;

export type NearHashes = {readonly phash: Hash64; readonly centre: Hash64};

/** Where to look: `hash` against every image's pHash, or against every image's centre hash. */
export type CandidateProbe = {
	readonly hash: Hash64;
	readonly among: 'phash' | 'centre';
	readonly maxDistance: number;
};

export function candidateProbes(own: NearHashes, maxDistance: number): readonly CandidateProbe[] {
	const crop = Math.min(maxDistance, cropDistance);
	return [
		{hash: own.phash, among: 'phash', maxDistance},
		// The other image is a crop of this one: its whole is this one's centre.
		{hash: own.centre, among: 'phash', maxDistance: crop},
		// This image is a crop of the other.
		{hash: own.phash, among: 'centre', maxDistance: crop},
	];
}

/** Both hashes of checked facts; a file checked before centre hashes has its pHash for both. */
export function nearHashesOf(facts: {
	readonly phash?: string | undefined;
	readonly phashCentre?: string | undefined;
}): NearHashes | undefined {
	if (facts.phash === undefined) {
		return undefined;
	}

	const phash = parseHash64(facts.phash);
	return {phash, centre: facts.phashCentre === undefined ? phash : parseHash64(facts.phashCentre)};
}

/** Searches remembered by nearOfKey: the image on screen and the next few. */
const rememberedSearches = 16;

type Remembered<Key> = {
	readonly version: number;
	readonly maxDistance: number;
	readonly found: ReadonlyArray<readonly [Key, number]>;
};

/** A growing and shrinking set of keyed images, searched by the candidate rule above. */
export class NearCandidateSet<Key> {
	readonly #phashes = new NearHashSet<Key>();
	readonly #centres = new NearHashSet<Key>();
	/** Bumped by every set and delete: a remembered search is good while it stands still. */
	#version = 0;
	readonly #remembered = new Map<Key, Remembered<Key>>();

	get size(): number {
		return this.#phashes.size;
	}

	/** Changes with every set and delete. */
	get version(): number {
		return this.#version;
	}

	get(key: Key): NearHashes | undefined {
		const phash = this.#phashes.get(key);
		const centre = this.#centres.get(key);
		return phash === undefined || centre === undefined ? undefined : {phash, centre};
	}

	set(key: Key, hashes: NearHashes): void {
		this.#version++;
		this.#phashes.set(key, hashes.phash);
		this.#centres.set(key, hashes.centre);
	}

	delete(key: Key): void {
		this.#version++;
		this.#phashes.delete(key);
		this.#centres.delete(key);
	}

	/** Calls `found` once per candidate key (itself included), with the closest probe's distance. */
	near(own: NearHashes, maxDistance: number, found: (key: Key, distance: number) => void): void {
		const closest = new Map<Key, number>();
		for (const probe of candidateProbes(own, maxDistance)) {
			const table = probe.among === 'phash' ? this.#phashes : this.#centres;
			table.near(probe.hash, probe.maxDistance, (key, distance) => {
				closest.set(key, Math.min(distance, closest.get(key) ?? distance));
			});
		}

		for (const [key, distance] of closest) {
			found(key, distance);
		}
	}

	/**
	The candidates of an image in the set (itself included) with their distances, remembered until
	the set changes. The three probes cost about 0.5 ms on the 2-core box; the label screen asks for
	the image on screen at every key, so it asks ahead for the next one after each frame.
	*/
	nearOfKey(key: Key, maxDistance: number): ReadonlyArray<readonly [Key, number]> {
		const known = this.#remembered.get(key);
		if (known?.version === this.#version && known.maxDistance === maxDistance) {
			return known.found;
		}

		const own = this.get(key);
		const found: Array<readonly [Key, number]> = [];
		if (own !== undefined) {
			this.near(own, maxDistance, (other, distance) => found.push([other, distance]));
		}

		this.#remembered.delete(key);
		this.#remembered.set(key, {version: this.#version, maxDistance, found});
		for (const oldest of this.#remembered.keys()) {
			if (this.#remembered.size <= rememberedSearches) break;
			this.#remembered.delete(oldest);
		}

		return found;
	}
}
