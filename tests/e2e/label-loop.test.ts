import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import path from 'node:path';
import test from 'node:test';
import {
	contentMultiset,
	copySamples,
	inventory,
	journalRecordsIn,
	removeFolder,
} from '../helpers/dataset.js';
import {cliPath, startCli} from '../helpers/pty-session.js';

const classes = ['--classes', 'photo,screenshot'];
const decidedCount = (screen: string) =>
	Number(/(\d+)\/48 decided/.exec(screen)?.[1] ?? Number.NaN);
const showing = (name: string) => (screen: string) => screen.includes(name);

test('label, undo, quit: decisions journaled and files moved, none lost', async (t) => {
	const dir = await copySamples();
	t.after(async () => removeFolder(dir));
	const before = await inventory(dir);
	const cli = startCli(['label', dir, ...classes, '--user', 'ann']);
	await cli.waitFor(showing('img_0001.jpg'), 'the first image');
	await cli.waitFor((screen) => screen.includes('▀'), 'image blocks');
	// img_0045 is an exact copy of img_0001: once the checks know it, one key decides both.
	await cli.waitFor(showing('2 copies'), 'the copy of img_0001 found');
	cli.write('1');
	await cli.waitFor(showing('img_0002.jpg'), 'the second image');
	cli.write('1');
	await cli.waitFor(showing('img_0003.jpg'), 'the third image');
	cli.write('2');
	await cli.waitFor(showing('img_0004.jpg'), 'the fourth image');
	cli.write('u');
	await cli.waitFor(showing('img_0003.jpg'), 'undo back to the third image');
	assert.equal(decidedCount(cli.screen().join('\n')), 2);
	cli.write('1');
	await cli.waitFor(
		(screen) => decidedCount(screen) === 3 && screen.includes('img_0004.jpg'),
		'three decided',
	);
	cli.write('q');
	const {exitCode} = await cli.exited;
	assert.equal(exitCode, 0, cli.output().slice(-2000));
	assert.ok(
		cli.output().endsWith('') && cli.output().includes('\u001B[?1049l'),
		'left the alternate screen',
	);

	const after = await inventory(dir);
	assert.deepEqual(contentMultiset(after), contentMultiset(before), 'every file accounted for');
	for (const name of ['img_0001.jpg', 'img_0002.jpg', 'img_0003.jpg']) {
		assert.equal(after.get(path.join('labeled', 'photo', name)), before.get(name), name);
		assert.equal(after.has(name), false, `${name} moved away`);
	}

	const records = await journalRecordsIn(dir);
	const ops = records.map((record) => record['op']);
	assert.deepEqual(
		ops.filter((op) => op !== 'moved' && op !== 'broken'),
		['session', 'decide', 'copy', 'decide', 'decide', 'undo', 'decide'],
	);
	assert.equal(ops.filter((op) => op === 'moved').length, 4, 'three images and one copy');
	assert.equal(
		after.get(path.join('labeled', '_duplicates', 'photo', 'img_0045.jpg')),
		before.get('img_0045.jpg'),
	);
});

test('a SIGKILL loses no acknowledged decision; restart resumes, undo crosses the restart', async (t) => {
	const dir = await copySamples();
	t.after(async () => removeFolder(dir));
	const before = await inventory(dir);
	const first = startCli(['label', dir, ...classes, '--no-commit-on-exit']);
	await first.waitFor(showing('img_0001.jpg'), 'the first image');
	await first.waitFor(showing('2 copies'), 'the copy of img_0001 found');
	for (const [index, key] of ['1', '2', '1', '2', '1'].entries()) {
		first.write(key);
		await first.waitFor((screen) => decidedCount(screen) === index + 1, `${index + 1} decided`);
	}

	first.kill('SIGKILL');
	await first.exited;

	const second = startCli(['label', dir, '--no-commit-on-exit']);
	await second.waitFor(
		(screen) => decidedCount(screen) === 5 && screen.includes('img_0006.jpg'),
		'resume at the sixth image',
	);
	second.write('u');
	await second.waitFor(
		(screen) => decidedCount(screen) === 4 && screen.includes('img_0005.jpg'),
		'undo the fifth',
	);
	second.write('2');
	await second.waitFor(
		(screen) => decidedCount(screen) === 5 && screen.includes('img_0006.jpg'),
		'decided again',
	);
	second.write('c');
	// Five images and img_0045, the copy of img_0001.
	await second.waitFor((screen) => /committed 6/.test(screen), 'commit from the screen');
	second.write('u');
	await second.waitFor(
		(screen) => screen.includes('img_0005.jpg') && /committed 5/.test(screen),
		'undo after the move',
	);
	second.write('q');
	assert.equal((await second.exited).exitCode, 0);

	const after = await inventory(dir);
	assert.deepEqual(contentMultiset(after), contentMultiset(before));
	assert.equal(after.get('img_0005.jpg'), before.get('img_0005.jpg'), 'the undone move came back');
	assert.equal(
		after.get(path.join('labeled', 'screenshot', 'img_0002.jpg')),
		before.get('img_0002.jpg'),
	);

	const commit = spawnSync(process.execPath, [cliPath, 'commit', dir], {encoding: 'utf8'});
	assert.equal(commit.status, 0, commit.stderr);
	const status = spawnSync(process.execPath, [cliPath, 'status', dir, '--json'], {
		encoding: 'utf8',
	});
	assert.equal(status.status, 0, status.stderr);
	const report = JSON.parse(status.stdout) as Record<string, unknown>;
	assert.equal(report['decided'], 4);
	assert.equal(report['committed'], 5, 'with the copy of img_0001');
	assert.equal(report['total'], 48);
	// Per class adds up to decided; the copy of img_0001 is counted with the committed files.
	assert.deepEqual(report['perClass'], {photo: 2, screenshot: 2});
});

test('a second label process on the same folder is refused with the holder named', async (t) => {
	const dir = await copySamples();
	t.after(async () => removeFolder(dir));
	const first = startCli(['label', dir, ...classes]);
	await first.waitFor(showing('img_0001.jpg'), 'the first session');
	const second = startCli(['label', dir]);
	const {exitCode} = await second.exited;
	assert.equal(exitCode, 1);
	assert.match(second.output(), new RegExp(`pid ${first.pid}`));
	first.write('q');
	assert.equal((await first.exited).exitCode, 0);
});

test('without a terminal, label exits 1 and points to status and commit', async (t) => {
	const dir = await copySamples();
	t.after(async () => removeFolder(dir));
	const result = spawnSync(process.execPath, [cliPath, 'label', dir, ...classes], {
		encoding: 'utf8',
	});
	assert.equal(result.status, 1);
	assert.match(result.stderr, /imgsift status/);
	assert.match(result.stderr, /imgsift commit/);
	assert.equal(result.stderr.trim().split('\n').length, 1, 'one line');
});

test('usage errors exit 2; conflicting flags exit 1 with the saved value', async (t) => {
	const dir = await copySamples();
	t.after(async () => removeFolder(dir));
	const usage = spawnSync(process.execPath, [cliPath, 'status'], {encoding: 'utf8'});
	assert.equal(usage.status, 2);
	const unknown = spawnSync(process.execPath, [cliPath, 'status', dir, '--bogus'], {
		encoding: 'utf8',
	});
	assert.equal(unknown.status, 2);
	const noProject = spawnSync(process.execPath, [cliPath, 'status', dir], {encoding: 'utf8'});
	assert.equal(noProject.status, 1);
	assert.match(noProject.stderr, /--classes/);
});
