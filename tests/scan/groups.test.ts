import assert from 'node:assert/strict';
import test from 'node:test';
import type {CheckedFile} from '../../source/scan/check-types.js';
import {exactDuplicateGroups, nearDuplicateGroups} from '../../source/scan/groups.js';

const file = (path: string, sha1: string, dhash?: string, reason?: 'empty'): CheckedFile => ({
	path,
	size: 100,
	mtimeMs: 1,
	cached: false,
	sha1,
	...(dhash === undefined ? {} : {dhash}),
	...(reason === undefined ? {} : {reason, detail: '0 bytes'}),
});

test('exact groups hold images with equal SHA-1 in walk order; broken files never group', () => {
	const files = [
		file('a.jpg', 's1', '0000000000000000'),
		file('b.jpg', 's2', 'ffffffffffffffff'),
		file('c.jpg', 's1', '0000000000000000'),
		file('e1.jpg', 'empty', undefined, 'empty'),
		file('e2.jpg', 'empty', undefined, 'empty'),
	];
	assert.deepEqual(exactDuplicateGroups(files), [
		{id: 1, sha1: 's1', size: 100, paths: ['a.jpg', 'c.jpg']},
	]);
});

test('exact copies alone are not near duplicates; a near copy brings the copies along', () => {
	const copies = [file('a.jpg', 's1', '0000000000000000'), file('b.jpg', 's1', '0000000000000000')];
	assert.deepEqual(nearDuplicateGroups(copies, 10), []);
	const withNear = [
		...copies,
		file('c.jpg', 's2', '0000000000000007'),
		file('d.jpg', 's3', 'ffff0000ffff0000'),
	];
	assert.deepEqual(nearDuplicateGroups(withNear, 10), [
		{
			id: 1,
			members: [
				{path: 'a.jpg', distance: 0},
				{path: 'b.jpg', distance: 0},
				{path: 'c.jpg', distance: 3},
			],
		},
	]);
	assert.deepEqual(nearDuplicateGroups(withNear, 2), []);
});
