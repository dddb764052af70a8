import assert from 'node:assert/strict';
import test from 'node:test';
import {hammingDistance} from '../../source/image/perceptual-hash.js';
import {
	groupNearHashes,
	HammingIndex,
	maxIndexedDistance,
	parseHash64,
} from '../../source/scan/hamming-index.js';

/** A deterministic stream of 32-bit numbers (LCG), so failures replay. */
function numbers(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
		return state;
	};
}

const hex = (high: number, low: number) =>
	high.toString(16).padStart(8, '0') + low.toString(16).padStart(8, '0');

/** Flips `bits` distinct random bits of a hash. */
function flip(hash: string, bits: number, next: () => number): string {
	let {high, low} = parseHash64(hash);
	const chosen = new Set<number>();
	while (chosen.size < bits) {
		chosen.add(next() % 64);
	}

	for (const bit of chosen) {
		if (bit < 32) {
			high = (high ^ (1 << bit)) >>> 0;
		} else {
			low = (low ^ (1 << (bit - 32))) >>> 0;
		}
	}

	return hex(high, low);
}

/** Random hashes, with a third of them planted 0-14 bits from an earlier one. */
function madeUpHashes(count: number, seed: number): string[] {
	const next = numbers(seed);
	const hashes: string[] = [];
	for (let index = 0; index < count; index++) {
		const base = hashes[next() % Math.max(1, hashes.length)];
		hashes.push(
			base !== undefined && index % 3 === 0 ? flip(base, next() % 15, next) : hex(next(), next()),
		);
	}

	return hashes;
}

test('finds exactly the hashes brute force finds, at every distance it serves', () => {
	const hashes = madeUpHashes(600, 7);
	const index = new HammingIndex(hashes);
	for (const maxDistance of [0, 1, 3, 4, 7, 10, 13, maxIndexedDistance]) {
		for (let query = 0; query < hashes.length; query += 7) {
			const found: Array<[number, number]> = [];
			index.forEachNear(query, maxDistance, (other, distance) => found.push([other, distance]));
			const expected: Array<[number, number]> = [];
			for (const [other, hash] of hashes.entries()) {
				const distance = hammingDistance(hashes[query] ?? '', hash);
				if (other !== query && distance <= maxDistance) {
					expected.push([other, distance]);
				}
			}

			found.sort((left, right) => left[0] - right[0]);
			assert.deepEqual(found, expected, `query ${query} at distance ${maxDistance}`);
		}
	}
});

test('a hash exactly at the distance is found, one bit further is not', () => {
	const base = 'f0f0f0f0f0f0f0f0';
	const next = numbers(3);
	const atTen = flip(base, 10, next);
	const atEleven = flip(base, 11, next);
	const index = new HammingIndex([base, atTen, atEleven]);
	const found: number[] = [];
	index.forEachNear(0, 10, (other) => found.push(other));
	assert.deepEqual(found, [1]);
});

test('groups are connected components: chains link, equal hashes merge, loners stay out', () => {
	const next = numbers(11);
	const a = '0123456789abcdef';
	const b = flip(a, 8, next); // a–b: 8
	const c = flip(b, 8, next); // b–c: 8, a–c may be up to 16: linked through b
	const far = 'fedcba9876543210';
	const hashes = [far, a, c, a.toUpperCase(), b, hex(next(), next())];
	assert.deepEqual(groupNearHashes(hashes, 10), [[1, 2, 3, 4]]);
	assert.deepEqual(groupNearHashes(hashes, 0), [[1, 3]]);
	assert.deepEqual(groupNearHashes([], 10), []);
});

test('refuses distances it cannot serve and hashes that are not 16 hex digits', () => {
	assert.throws(() => groupNearHashes(['0000000000000000'], maxIndexedDistance + 1), /0 to 16/);
	assert.throws(() => groupNearHashes(['0000000000000000'], -1), /0 to 16/);
	assert.throws(() => new HammingIndex(['xyz']), /16 hex digits/);
});

test('an index over 32-bit words finds what the index over hex finds', () => {
	const hashes = madeUpHashes(400, 11);
	const high = Uint32Array.from(hashes, (hash) => Number.parseInt(hash.slice(0, 8), 16));
	const low = Uint32Array.from(hashes, (hash) => Number.parseInt(hash.slice(8), 16));
	const fromHex = new HammingIndex(hashes);
	const fromWords = new HammingIndex({high, low});
	assert.equal(fromWords.size, hashes.length);
	for (let query = 0; query < hashes.length; query += 13) {
		const near = (index: HammingIndex) => {
			const found: Array<[number, number]> = [];
			index.forEachNear(query, 12, (other, distance) => found.push([other, distance]));
			return found.sort((left, right) => left[0] - right[0]);
		};
		assert.deepEqual(near(fromWords), near(fromHex));
	}
});
