import assert from 'node:assert/strict';
import test from 'node:test';
import {coalesceBatches} from '../../source/sources/coalesce-batches.js';

async function* batchesAt(clock: {now: number}, batches: Array<[number, string[]]>) {
	for (const [at, batch] of batches) {
		clock.now = at;
		yield batch;
	}

	return {images: 6};
}

test('the first batch passes at once, later ones join until the interval passed, the rest ends it', async () => {
	const clock = {now: 0};
	const joined = coalesceBatches(
		batchesAt(clock, [
			[0, ['a']],
			[10, ['b']],
			[50, ['c', 'd']],
			[120, ['e']],
			[130, ['f']],
		]),
		100,
		() => clock.now,
	);
	const seen: string[][] = [];
	for await (const batch of joined) {
		seen.push(batch);
	}

	assert.deepStrictEqual(seen, [['a'], ['b', 'c', 'd', 'e'], ['f']]);
});
