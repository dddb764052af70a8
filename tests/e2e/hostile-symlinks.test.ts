import assert from 'node:assert/strict';
import {mkdir, readdir, readFile, rename, symlink} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {tempFolder} from '../helpers/commit-fixture.js';
import {inventory} from '../helpers/dataset.js';
import {decidedDataset} from '../helpers/decided-dataset.js';
import {runCli} from '../helpers/run-as.js';

const files = {'a.jpg': 'img_0001.jpg', 'day1/b.png': 'img_0022.png'};
const labels = {'a.jpg': 'photo', 'day1/b.png': 'screenshot'};

test('a journal that is a symlink to a file outside is refused, naming it; nothing is appended there', async (t) => {
	const {dir, journal} = await decidedDataset(t, files, labels);
	const outside = await tempFolder(t);
	const victim = path.join(outside, 'victim.jsonl');
	await rename(journal, victim);
	await symlink(victim, journal);
	const before = await readFile(victim, 'utf8');

	const run = await runCli(['commit', dir, '--user', 'tester']);
	assert.equal(run.status, 1, run.stdout);
	assert.equal(
		run.stderr,
		`imgsift: ${journal} is a symlink, where imgsift keeps a file of its own; it never writes through a link (it could point at another user's file). Remove the link, then start again.\n`,
	);
	assert.equal(await readFile(victim, 'utf8'), before, 'the outside file is untouched');
	assert.deepEqual([...(await inventory(dir)).keys()].sort(), [
		'a.jpg',
		path.join('day1', 'b.png'),
	]);
});

test('.labels as a symlink is refused: nothing is written where it points', async (t) => {
	const {dir} = await decidedDataset(t, files, labels);
	const outside = await tempFolder(t);
	const moved = path.join(outside, 'labels-elsewhere');
	await rename(path.join(dir, '.labels'), moved);
	await symlink(moved, path.join(dir, '.labels'));
	const before = await readdir(moved, {recursive: true});

	for (const command of ['commit', 'status']) {
		const run = await runCli([command, dir, '--user', 'tester']);
		assert.equal(run.status, 1, `${command}: ${run.stdout}`);
		assert.equal(
			run.stderr,
			`imgsift: ${path.join(dir, '.labels')} is a symlink (to ${moved}), where imgsift keeps a folder of its own; it never writes through a link. Replace the link with a real folder, then start again.\n`,
		);
	}

	assert.deepEqual(await readdir(moved, {recursive: true}), before, 'no lock, no journal line');
});

for (const linked of ['labeled', 'labeled/photo']) {
	test(`${linked} as a symlink to a folder outside: commit moves nothing out of the dataset`, async (t) => {
		const {dir} = await decidedDataset(t, files, labels);
		const outside = await tempFolder(t);
		await mkdir(path.dirname(path.join(dir, linked)), {recursive: true});
		await symlink(outside, path.join(dir, linked));

		const run = await runCli(['commit', dir, '--user', 'tester']);
		assert.equal(run.status, 1, run.stderr);
		assert.match(
			run.stdout,
			new RegExp(
				`^Failed: a\\.jpg \\(photo\\): ${path.join(dir, linked).replaceAll('/', '\\/')} is a symlink \\(to ${outside.replaceAll('/', '\\/')}\\), and imgsift never moves files through a link; replace it with a real folder and commit again\\.`,
				'm',
			),
		);
		assert.deepEqual(await readdir(outside), [], 'nothing moved out of the dataset');
		assert.ok((await inventory(dir)).has('a.jpg'), 'a.jpg stays in place');
	});
}

test('a day folder replaced by a symlink after its files were decided: nothing is moved from outside', async (t) => {
	const {dir} = await decidedDataset(t, files, labels);
	const outside = await tempFolder(t);
	// Someone swaps day1 for a link to a folder of theirs holding the same file.
	await rename(path.join(dir, 'day1'), path.join(outside, 'day1'));
	await symlink(path.join(outside, 'day1'), path.join(dir, 'day1'));

	const run = await runCli(['commit', dir, '--user', 'tester']);
	assert.equal(run.status, 1, run.stderr);
	assert.match(run.stdout, /^Failed: day1\/b\.png \(screenshot\): .*day1 is a symlink \(to /m);
	assert.deepEqual(await readdir(path.join(outside, 'day1')), ['b.png'], 'the outside file stays');
	assert.deepEqual(await readdir(path.join(dir, 'labeled')), ['photo'], 'only a.jpg was moved');
});
