import assert from 'node:assert/strict';
import test from 'node:test';
import {popCount32} from '../../source/image/perceptual-hash.js';
import {parseHash64} from '../../source/scan/hamming-index.js';
import {type Hash64, NearHashSet} from '../../source/scan/near-hash-set.js';

function distance(left: Hash64, right: Hash64): number {
	return popCount32(left.high ^ right.high) + popCount32(left.low ^ right.low);
}

/** Deterministic pseudo-random 64-bit hashes, with some near copies (a few bits flipped). */
function madeUpHashes(count: number): Hash64[] {
	let state = 99;
	const next = () => {
		state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
		return state;
	};
	const hashes: Hash64[] = [];
	for (let index = 0; index < count; index++) {
		const base = index > 0 && index % 4 === 0 ? hashes[index - 1] : undefined;
		if (base) {
			// Flip 0 to 12 bits of the previous hash: some within 10, some beyond.
			let {high, low} = base;
			for (let flip = next() % 13; flip > 0; flip--) {
				const bit = next() % 64;
				if (bit < 32) high = (high ^ (1 << bit)) >>> 0;
				else low = (low ^ (1 << (bit - 32))) >>> 0;
			}

			hashes.push({high, low});
		} else {
			hashes.push({high: next(), low: next()});
		}
	}

	return hashes;
}

test('near() finds exactly what a full scan finds, within the distance', () => {
	const hashes = madeUpHashes(2000);
	const set = new NearHashSet<number>();
	for (const [index, hash] of hashes.entries()) {
		set.set(index, hash);
	}

	for (const limit of [0, 3, 10, 16]) {
		for (const query of [0, 4, 8, 999, 1600]) {
			const hash = hashes[query] ?? {high: 0, low: 0};
			const expected = hashes
				.flatMap((other, index) => (distance(hash, other) <= limit ? [index] : []))
				.sort((a, b) => a - b);
			const found: number[] = [];
			set.near(hash, limit, (key, at) => {
				assert.equal(at, distance(hash, hashes[key] ?? hash));
				found.push(key);
			});
			assert.deepEqual(
				found.sort((a, b) => a - b),
				expected,
				`query ${query} at ${limit}`,
			);
		}
	}
});

test('deleted and replaced keys are no longer found under their old hash', () => {
	const set = new NearHashSet<string>();
	const first = parseHash64('00000000000000ff');
	const moved = parseHash64('ffffffffffff0000');
	set.set('a', first);
	set.set('b', first);
	set.set('b', moved);
	set.delete('missing');
	const near = (hash: Hash64) => {
		const keys: string[] = [];
		set.near(hash, 2, (key) => keys.push(key));
		return keys.sort();
	};
	assert.deepEqual(near(first), ['a']);
	assert.deepEqual(near(moved), ['b']);
	set.delete('a');
	assert.deepEqual(near(first), []);
	assert.equal(set.size, 1);
	assert.throws(() => set.near(first, 17, () => {}), /from 0 to 16/);
});
