import assert from 'node:assert/strict';
import {stat} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {transition} from '../../../source/core/session-reducer.js';
import type {SessionState} from '../../../source/core/session-state.js';
import {executeCommit, planCommit} from '../../../source/files/commit/index.js';
import {
	contentIndex,
	decidedState,
	journalFrom,
	placeFiles,
	sha1Of,
	tempFolder,
} from '../../helpers/commit-fixture.js';

async function withCopy(dir: string, state: SessionState, copy: string, of: string) {
	const {size, mtimeMs} = await stat(path.join(dir, copy));
	const label = 'photo';
	const next = transition(state, {
		type: 'copy',
		time: 'now',
		item: {path: copy, size, mtimeMs},
		of,
		label,
	});
	assert.ok(next, 'the copy applies');
	return next.state;
}

test('the first copy of a group goes to its class folder, the others to _duplicates', async (t) => {
	const dir = await tempFolder(t);
	await placeFiles(dir, {
		'a/img_0001.jpg': 'img_0001.jpg',
		'b/img_0001.jpg': 'img_0045.jpg',
		'img_0002.jpg': 'img_0002.jpg',
	});
	const before = await contentIndex(dir);
	let state = await decidedState(dir, {'a/img_0001.jpg': 'photo', 'img_0002.jpg': 'photo'});
	state = await withCopy(dir, state, 'b/img_0001.jpg', 'a/img_0001.jpg');
	const plan = planCommit({dir, out: 'labeled', state});
	assert.deepEqual(
		plan.entries.map((entry) => [entry.path, entry.to]),
		[
			['a/img_0001.jpg', 'labeled/photo/img_0001.jpg'],
			['b/img_0001.jpg', 'labeled/_duplicates/photo/img_0001.jpg'],
			['img_0002.jpg', 'labeled/photo/img_0002.jpg'],
		],
	);

	const journal = journalFrom(state);
	const report = await executeCommit({dir, out: 'labeled', state, record: journal.record});
	assert.equal(report.moved.length, 3);
	assert.deepEqual(report.failed, []);
	const after = await contentIndex(dir);
	const duplicateHash = await sha1Of(path.join(dir, 'labeled/photo/img_0001.jpg'));
	assert.deepEqual(after.get(duplicateHash)?.sort(), [
		'labeled/_duplicates/photo/img_0001.jpg',
		'labeled/photo/img_0001.jpg',
	]);
	// Nothing lost: every input's bytes are somewhere, as many times as before.
	assert.deepEqual(
		[...before].map(([hash, paths]) => [hash, paths.length]).sort(),
		[...after].map(([hash, paths]) => [hash, paths.length]).sort(),
	);
});

test('a copy whose group decision was undone is planned like any other decision', async (t) => {
	const dir = await tempFolder(t);
	await placeFiles(dir, {'img_0001.jpg': 'img_0001.jpg', 'img_0045.jpg': 'img_0045.jpg'});
	let state = await decidedState(dir, {'img_0001.jpg': 'photo'});
	state = await withCopy(dir, state, 'img_0045.jpg', 'img_0001.jpg');
	state = transition(state, {type: 'undo', time: 'now'})?.state ?? state;
	assert.deepEqual(planCommit({dir, out: 'labeled', state}).entries, []);
});
