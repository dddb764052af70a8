import assert from 'node:assert/strict';
import test from 'node:test';
import {candidateProbes, NearCandidateSet} from '../../source/scan/near-candidates.js';

const hash = (high: number, low = 0) => ({high: high >>> 0, low});
const far = hash(0xffffffff, 0xffffffff);

test('the probes: pHash against pHashes, centre against pHashes, pHash against centres', () => {
	const own = {phash: hash(1), centre: hash(2)};
	assert.deepEqual(candidateProbes(own, 12), [
		{hash: own.phash, among: 'phash', maxDistance: 12},
		{hash: own.centre, among: 'phash', maxDistance: 8},
		{hash: own.phash, among: 'centre', maxDistance: 8},
	]);
	assert.equal(candidateProbes(own, 4)[1]?.maxDistance, 4, 'never more than the plain distance');
});

test('a crop is found from either side, each key once, at its closest distance', () => {
	const set = new NearCandidateSet<string>();
	// The original's centre equals the crop's pHash; their pHashes are 20 bits apart.
	set.set('original', {phash: hash(0), centre: hash(0xf0f0f0f0, 0xf)});
	set.set('crop', {phash: hash(0xf0f0f0f0, 0xf), centre: hash(0x0000ffff, 0xffff0000)});
	set.set('unrelated', {phash: far, centre: hash(0xffff0000, 0x0000ffff)});
	const fromOriginal = set.nearOfKey('original', 12);
	assert.deepEqual([...fromOriginal].sort(), [
		['crop', 0],
		['original', 0],
	]);
	assert.deepEqual([...set.nearOfKey('crop', 12)].sort(), [
		['crop', 0],
		['original', 0],
	]);
});

test('a remembered search is answered again until the set changes, then searched afresh', () => {
	const set = new NearCandidateSet<string>();
	set.set('a', {phash: hash(0), centre: far});
	const first = set.nearOfKey('a', 12);
	assert.equal(set.nearOfKey('a', 12), first, 'the same answer, not searched again');
	set.set('b', {phash: hash(0b111), centre: far});
	assert.deepEqual([...set.nearOfKey('a', 12)].sort(), [
		['a', 0],
		['b', 3],
	]);
	set.delete('b');
	assert.deepEqual(set.nearOfKey('a', 12), [['a', 0]]);
	assert.deepEqual(set.nearOfKey('a', 0), [['a', 0]], 'another distance is its own search');
});
