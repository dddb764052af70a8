import assert from 'node:assert/strict';
import test from 'node:test';
import {itemsFound} from '../../source/core/bookkeeping-steps.js';
import {entries, getEntry} from '../../source/core/persistent-map.js';
import {initialState} from '../../source/core/session-state.js';

const pathsFrom = (from: number, count: number) =>
	Array.from(
		{length: count},
		(_, index) => `day-${Math.floor((from + index) / 100)}/IMG_${from + index}.jpg`,
	);

/** Runs `work` counting the Maps built meanwhile (persistent-map copies a bucket with new Map). */
function countingMaps<T>(work: () => T): {result: T; built: number} {
	const original = globalThis.Map;
	let built = 0;
	globalThis.Map = class extends original<unknown, unknown> {
		constructor(entries?: Iterable<readonly [unknown, unknown]> | null) {
			super(entries);
			built++;
		}
	} as MapConstructor;
	try {
		return {result: work(), built};
	} finally {
		globalThis.Map = original;
	}
}

test('a walk batch of unclaimed items copies each bucket once, not once per item', () => {
	const before = itemsFound(initialState(['a', 'b']), pathsFrom(0, 20_000), true);
	const {result: after, built} = countingMaps(() =>
		itemsFound(before, pathsFrom(20_000, 5000), true),
	);
	// 512 buckets (core/persistent-map.ts): a copy per item built 5,000 Maps of ~40 entries each.
	assert.ok(built <= 600, `${built} Maps built for 5,000 items`);
	assert.equal(after.elsewhere.size, 25_000);
	assert.equal(getEntry(after.elsewhere, 'day-249/IMG_24999.jpg'), 'unclaimed');
	// The state before the batch is untouched: the batch edit copied what it changed.
	assert.equal(before.elsewhere.size, 20_000);
	assert.equal([...entries(before.elsewhere)].length, 20_000);
	assert.equal(getEntry(before.elsewhere, 'day-249/IMG_24999.jpg'), undefined);
});
