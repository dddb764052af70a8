import assert from 'node:assert/strict';
import {appendFile, mkdir, readFile, rename, stat} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {commitLockPath} from '../../source/app/commit-runner.js';
import {planFilePath, writePlanFile} from '../../source/files/commit/plan-file.js';
import {acquireLock} from '../../source/ledger/files/lock.js';
import {removeFolder} from '../helpers/dataset.js';
import {exists, holdClaims, imgsift, teamSamples, writeVotes} from '../helpers/team-journals.js';

const movedIn = async (dir: string, user: string) =>
	(await readFile(path.join(dir, '.labels', 'journal', `${user}.jsonl`), 'utf8'))
		.split('\n')
		.filter((line) => line.includes('"op":"moved"'))
		.map((line) => (JSON.parse(line) as {path: string}).path)
		.sort();

test('commit moves by the team’s final labels and leaves claimed and contested images in place', async (t) => {
	const dir = await teamSamples('imgsift-commit-team-');
	t.after(async () => removeFolder(dir));
	await writeVotes(dir, 'ann', [
		['img_0001.jpg', 'photo'],
		['img_0002.jpg', 'photo'],
		['img_0004.jpg', 'photo'],
	]);
	await writeVotes(dir, 'bea', [
		['img_0003.jpg', 'screenshot'],
		['img_0004.jpg', 'screenshot'],
		['img_0005.jpg', 'photo'],
	]);
	// cara's session is looking at img_0005 now (a live lease); bea decided it already.
	await holdClaims(dir, 'cara', ['img_0005.jpg', 'img_0006.jpg'], Date.now() + 3_600_000);

	const first = imgsift('commit', dir, '--user', 'ann');
	assert.equal(first.status, 0, first.stderr);
	assert.match(first.stdout, /Moved 3 files into class folders \(photo 2, screenshot 1\)/);
	assert.match(first.stdout, /Left in place: 1 held by a labeler right now/);
	assert.match(first.stdout, /1 contested \(imgsift label --adjudicate settles them\)/);
	for (const [item, label] of [
		['img_0001.jpg', 'photo'],
		['img_0002.jpg', 'photo'],
		['img_0003.jpg', 'screenshot'],
	]) {
		assert.equal(await exists(path.join(dir, 'labeled', label as string, item as string)), true);
	}

	// Contested (ann photo, bea screenshot) and claimed images stay where labelers see them.
	assert.equal(await exists(path.join(dir, 'img_0004.jpg')), true);
	assert.equal(await exists(path.join(dir, 'img_0005.jpg')), true);
	// Who moved what is journaled by who committed: bea's image too.
	assert.deepEqual(await movedIn(dir, 'ann'), ['img_0001.jpg', 'img_0002.jpg', 'img_0003.jpg']);

	// cara's session ends: the image she held goes with the next commit, whoever runs it.
	await appendFile(path.join(dir, '.labels', 'claims', 'cara.jsonl'), '{"op":"end"}\n');
	const second = imgsift('commit', dir, '--user', 'bea');
	assert.equal(second.status, 0, second.stderr);
	assert.match(second.stdout, /Moved 1 file into class folders \(photo 1\)/);
	assert.equal(await exists(path.join(dir, 'labeled', 'photo', 'img_0005.jpg')), true);
	assert.deepEqual(await movedIn(dir, 'bea'), ['img_0005.jpg']);

	// Nothing is moved twice; the contested image is still waiting for its adjudicator.
	const third = imgsift('commit', dir, '--user', 'ann');
	assert.equal(third.status, 0, third.stderr);
	assert.match(third.stdout, /^Nothing moved\. Left in place: 1 contested/m);

	// An export finds each image where the team's commit put it, whoever ran that commit.
	const out = `${dir}-export`;
	t.after(async () => removeFolder(out));
	const exported = imgsift('export', dir, '--format', 'imagefolder', '--to', out);
	assert.equal(exported.status, 0, exported.stderr);
	assert.equal(await exists(path.join(out, 'screenshot', 'img_0003.jpg')), true);
	assert.equal(await exists(path.join(out, 'photo', 'img_0005.jpg')), true);
});

test('an adjudicated label is final: commit moves the image by it', async (t) => {
	const dir = await teamSamples('imgsift-commit-adjudicated-');
	t.after(async () => removeFolder(dir));
	await writeVotes(dir, 'ann', [['img_0004.jpg', 'photo']]);
	await writeVotes(dir, 'bea', [['img_0004.jpg', 'screenshot']]);
	await writeVotes(dir, 'dan', [['img_0004.jpg', 'screenshot', true]]);
	const result = imgsift('commit', dir, '--user', 'ann');
	assert.equal(result.status, 0, result.stderr);
	assert.equal(await exists(path.join(dir, 'labeled', 'screenshot', 'img_0004.jpg')), true);
});

test('a team commit killed after a move is finished by the next commit, whoever runs it', async (t) => {
	const dir = await teamSamples('imgsift-commit-team-recover-');
	t.after(async () => removeFolder(dir));
	await writeVotes(dir, 'ann', [['img_0001.jpg', 'photo']]);
	await writeVotes(dir, 'bea', [['img_0002.jpg', 'screenshot']]);
	const entry = async (item: string, label: string) => {
		const found = await stat(path.join(dir, item));
		return {
			path: item,
			label,
			size: found.size,
			mtimeMs: found.mtimeMs,
			to: `labeled/${label}/${item}`,
		};
	};
	// A commit by someone wrote its plan, moved bea's image and was killed before recording it.
	await writePlanFile(dir, [
		await entry('img_0001.jpg', 'photo'),
		await entry('img_0002.jpg', 'screenshot'),
	]);
	await mkdir(path.join(dir, 'labeled', 'screenshot'), {recursive: true});
	await rename(
		path.join(dir, 'img_0002.jpg'),
		path.join(dir, 'labeled', 'screenshot', 'img_0002.jpg'),
	);

	const result = imgsift('commit', dir, '--user', 'ann');
	assert.equal(result.status, 0, result.stderr);
	assert.match(result.stdout, /Moved 2 files .*2 of them finishing an interrupted commit/);
	assert.equal(await exists(path.join(dir, 'labeled', 'screenshot', 'img_0002.jpg')), true);
	assert.equal(await exists(path.join(dir, 'labeled', 'photo', 'img_0001.jpg')), true);
	assert.equal(await exists(planFilePath(dir)), false);
	assert.deepEqual(await movedIn(dir, 'ann'), ['img_0001.jpg', 'img_0002.jpg']);
});

test('one commit at a time on a folder: a second one says another is moving files', async (t) => {
	const dir = await teamSamples('imgsift-commit-team-lock-');
	t.after(async () => removeFolder(dir));
	await writeVotes(dir, 'ann', [['img_0001.jpg', 'photo']]);
	// bea's commit is running (this process holds the folder's commit lock).
	const running = await acquireLock(path.join(dir, '.labels'), 'bea', {
		file: commitLockPath(dir),
		purpose: 'commit',
	});
	const refused = imgsift('commit', dir, '--user', 'ann');
	await running.release();
	assert.equal(refused.status, 1);
	assert.match(refused.stderr, /another commit is moving files in .* now, so this one waits/);
	assert.equal(await exists(path.join(dir, 'img_0001.jpg')), true);
	const after = imgsift('commit', dir, '--user', 'ann');
	assert.equal(after.status, 0, after.stderr);
	assert.equal(await exists(path.join(dir, 'labeled', 'photo', 'img_0001.jpg')), true);
});
