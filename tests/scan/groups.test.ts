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

/** Files whose pHash is given; dHash is not used for near groups. */
const hashed = (path: string, sha1: string, phash: string): CheckedFile => ({
	...file(path, sha1, '0000000000000000'),
	phash,
});

/** Thumbnail differences by pair, as the real judge would score them; unlisted pairs score 0. */
const judgeFrom =
	(differences: Record<string, number>) =>
	async (left: string, right: string): Promise<number | undefined> =>
		differences[`${left}|${right}`] ?? differences[`${right}|${left}`] ?? 0;

test('exact copies alone are not near duplicates; a near copy brings the copies along', async () => {
	const copies = [
		hashed('a.jpg', 's1', '0000000000000000'),
		hashed('b.jpg', 's1', '0000000000000000'),
	];
	assert.deepEqual(await nearDuplicateGroups(copies, 10, judgeFrom({})), []);
	const withNear = [
		...copies,
		hashed('c.jpg', 's2', '0000000000000007'),
		hashed('d.jpg', 's3', 'ffff0000ffff0000'),
	];
	assert.deepEqual(await nearDuplicateGroups(withNear, 10, judgeFrom({'a.jpg|c.jpg': 1.24})), [
		{
			id: 1,
			representative: 'a.jpg',
			members: [
				{path: 'a.jpg', distance: 0, difference: 0},
				{path: 'b.jpg', distance: 0, difference: 0},
				{path: 'c.jpg', distance: 3, difference: 1.2},
			],
		},
	]);
	assert.deepEqual(await nearDuplicateGroups(withNear, 2, judgeFrom({})), []);
});

test('no chains: an image near a member but far from the representative is not pulled in', async () => {
	// a–b 6 bits, b–c 6 bits, a–c 12 bits: connected components would make one group of three.
	const files = [
		hashed('a.jpg', 's1', '0000000000000000'),
		hashed('b.jpg', 's2', '000000000000003f'),
		hashed('c.jpg', 's3', '0000000000000fff'),
	];
	const groups = await nearDuplicateGroups(files, 8, judgeFrom({}));
	assert.deepEqual(
		groups.map((group) => [group.representative, group.members.map((member) => member.path)]),
		[['a.jpg', ['a.jpg', 'b.jpg']]],
	);
	for (const group of groups) {
		for (const member of group.members) {
			assert.ok(member.distance <= 8, `${member.path} is within 8 bits of the representative`);
		}
	}
});

test('close hashes are not enough: a thumbnail difference over the limit keeps images apart', async () => {
	const files = [
		hashed('shop-1.png', 's1', '0000000000000000'),
		hashed('shop-2.png', 's2', '0000000000000001'),
		hashed('shop-1-small.jpg', 's3', '0000000000000003'),
	];
	const judge = judgeFrom({'shop-1.png|shop-2.png': 9.5, 'shop-1.png|shop-1-small.jpg': 0.8});
	const groups = await nearDuplicateGroups(files, 10, judge);
	assert.deepEqual(
		groups.map((group) => group.members.map((member) => member.path)),
		[['shop-1.png', 'shop-1-small.jpg']],
	);
});
