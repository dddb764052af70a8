import assert from 'node:assert/strict';
import test from 'node:test';
import {hashPossibleCopies, sharedHashes} from '../../../source/files/commit/content-hashes.js';
import {type PlanFile, planFileText} from '../../../source/files/commit/plan-file.js';
import type {PlanEntry} from '../../../source/files/commit/types.js';
import {decidedState, placeFiles, tempFolder} from '../../helpers/commit-fixture.js';

function planOf(count: number): PlanFile {
	const entries: PlanEntry[] = Array.from({length: count}, (_, index) => ({
		path: `2023-01-01/IMG "${index}"\t.jpg`,
		label: 'photo',
		size: 700 + index,
		mtimeMs: 1_733_389_682_123.456 + index,
		...(index % 2 === 0 ? {ctimeMs: 1_733_389_682_200.5, ino: 4_000_000 + index} : {}),
		to: `labeled/photo/IMG "${index}"\t.jpg`,
	}));
	return {version: 1, created: '2026-12-05T12:00:00.000Z', entries};
}

test('the plan file is written in pieces, as the same text JSON.stringify makes whole', () => {
	for (const count of [0, 1, 2, 3000]) {
		const plan = planOf(count);
		const pieces = [...planFileText(plan)];
		assert.equal(pieces.join(''), `${JSON.stringify(plan, undefined, '\t')}\n`, `${count} entries`);
		assert.deepEqual(JSON.parse(pieces.join('')), plan);
		if (count === 3000) {
			// ~600 KB of plan: no piece holds much more than 64 KB.
			assert.ok(pieces.length > 5, `${pieces.length} pieces`);
			assert.ok(Math.max(...pieces.map((piece) => piece.length)) < 70_000);
		}
	}
});

test('only the hashes of copies reach the plan', () => {
	const hashes = new Map([
		['a.jpg', 'aa'],
		['b.jpg', 'bb'],
		['c.jpg', 'aa'],
		['d.jpg', 'cc'],
		['e.jpg', 'cc'],
		['f.jpg', 'cc'],
	]);
	assert.deepEqual(
		[...sharedHashes(hashes)],
		[
			['a.jpg', 'aa'],
			['c.jpg', 'aa'],
			['d.jpg', 'cc'],
			['e.jpg', 'cc'],
			['f.jpg', 'cc'],
		],
	);
});

test('for the plan, only the hashes of copies are kept, size by size', async (t) => {
	const dir = await tempFolder(t);
	const bytes = (fill: number, length: number) => new Uint8Array(length).fill(fill);
	await placeFiles(dir, {
		'a.jpg': bytes(1, 100),
		'b.jpg': bytes(1, 100),
		'c.jpg': bytes(2, 100),
		'd.jpg': bytes(3, 200),
		'e.jpg': bytes(4, 200),
		'f.jpg': bytes(5, 300),
	});
	const decisions = Object.fromEntries([...'abcdef'].map((name) => [`${name}.jpg`, 'photo']));
	const state = await decidedState(dir, decisions);
	const all = await hashPossibleCopies({dir, state, cacheFile: false});
	assert.deepEqual([...all.hashes.keys()].sort(), ['a.jpg', 'b.jpg', 'c.jpg', 'd.jpg', 'e.jpg']);
	const copies = await hashPossibleCopies({dir, state, cacheFile: false, copiesOnly: true});
	assert.deepEqual([...copies.hashes.keys()].sort(), ['a.jpg', 'b.jpg']);
	assert.deepEqual({candidates: copies.candidates, read: copies.read}, {candidates: 5, read: 5});
});
