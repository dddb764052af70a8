import assert from 'node:assert/strict';
import test from 'node:test';
import type {CheckedFile} from '../../source/scan/check-types.js';
import {nearDuplicateGroups} from '../../source/scan/groups.js';

/** A decoded image: distinct bytes (`sha1`), one pHash, and the picture digest its pixels have. */
const image = (path: string, sha1: string, picture?: string): CheckedFile => ({
	path,
	size: 100,
	mtimeMs: 1,
	cached: false,
	sha1,
	phash: '00000000000000ff',
	...(picture === undefined ? {} : {picture}),
});

/** A judge that scores every pair `score` and records the pairs asked and the most in flight. */
function countingJudge(score: (left: string, right: string) => number) {
	const asked: string[] = [];
	let inFlight = 0;
	let mostInFlight = 0;
	const judge = async (left: string, right: string) => {
		asked.push(`${left}|${right}`);
		inFlight++;
		mostInFlight = Math.max(mostInFlight, inFlight);
		await new Promise<void>((resolve) => setImmediate(resolve));
		inFlight--;
		return score(left, right);
	};
	return {judge, asked, mostInFlight: () => mostInFlight};
}

test('copies with the representative picture are members undecoded; one judgement per picture', async () => {
	// 40 files, two pictures: 20 re-tagged copies of p1 (the representative's) and 20 of p2.
	const files = Array.from({length: 40}, (_, index) =>
		image(`${String(index).padStart(2, '0')}.jpg`, `s${index}`, index % 2 === 0 ? 'p1' : 'p2'),
	);
	const counting = countingJudge(() => 2.04);
	const groups = await nearDuplicateGroups(files, 10, counting.judge);
	assert.deepEqual(counting.asked, ['00.jpg|01.jpg']);
	assert.equal(groups.length, 1);
	const members = groups[0]?.members ?? [];
	assert.equal(members.length, 40);
	for (const member of members) {
		const same = Number(member.path.slice(0, 2)) % 2 === 0;
		assert.deepEqual(member, {path: member.path, distance: 0, difference: same ? 0 : 2});
	}
});

test('a picture judged too far keeps all its copies out; files without a digest are each judged', async () => {
	const files = [
		image('a.jpg', 's1', 'p1'),
		image('b.jpg', 's2', 'p2'),
		image('c.jpg', 's3', 'p2'),
		image('d.jpg', 's4'),
		image('e.jpg', 's5'),
	];
	const counting = countingJudge((_left, right) => (right === 'b.jpg' ? 9 : 1));
	const groups = await nearDuplicateGroups(files, 10, counting.judge);
	assert.deepEqual(counting.asked.sort(), ['a.jpg|b.jpg', 'a.jpg|d.jpg', 'a.jpg|e.jpg']);
	assert.deepEqual(
		groups.map((group) => group.members.map((member) => member.path)),
		[
			['a.jpg', 'd.jpg', 'e.jpg'],
			['b.jpg', 'c.jpg'],
		],
	);
});

test("a representative's candidates are judged several at once, in walk order in the result", async () => {
	const files = Array.from({length: 12}, (_, index) => image(`${index + 10}.jpg`, `s${index}`));
	const counting = countingJudge(() => 1);
	const groups = await nearDuplicateGroups(files, 10, counting.judge);
	assert.ok(counting.mostInFlight() > 1, `at most ${counting.mostInFlight()} judged at once`);
	assert.deepEqual(
		groups[0]?.members.map((member) => member.path),
		files.map((file) => file.path),
	);
});
