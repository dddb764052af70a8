import assert from 'node:assert/strict';
import test from 'node:test';
import type {CheckedFile} from '../../source/scan/check-types.js';
import {nearDuplicateGroups} from '../../source/scan/groups.js';

test('thousands of copies with one picture make one group without pairing every copy', async () => {
	// Distinct bytes, one pHash and centre hash: each copy is a crop candidate of every other.
	// Pairing them all ahead (the crop lookups for every image at once) held 36 million pairs.
	const copies = 6000;
	const files: CheckedFile[] = Array.from({length: copies}, (_, index) => ({
		path: `${String(index).padStart(5, '0')}.jpg`,
		size: 100,
		mtimeMs: 1,
		cached: false,
		sha1: `s${index}`,
		phash: '0f0f0f0f0f0f0f0f',
		phashCentre: '0f0f0f0f0f0f0f0e',
		picture: 'p1',
	}));
	const before = process.memoryUsage().heapUsed;
	let judged = 0;
	const groups = await nearDuplicateGroups(files, 12, async () => {
		judged++;
		return 0;
	});
	const grown = process.memoryUsage().heapUsed - before;
	assert.equal(judged, 0);
	assert.equal(groups.length, 1);
	assert.equal(groups[0]?.members.length, copies);
	assert.ok(grown < 200 * 2 ** 20, `the heap grew by ${Math.round(grown / 2 ** 20)} MiB`);
});
