import assert from 'node:assert/strict';
import {
	copyFile,
	mkdir,
	readdir,
	readFile,
	stat,
	symlink,
	utimes,
	writeFile,
} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {samplesFolder} from '../helpers/dataset.js';
import {
	columnText,
	contentsUnder,
	decide,
	makeFaultFolder,
	outsideOf,
	startLabel,
	waitForImage,
} from '../helpers/fault-fixture.js';
import {runCli} from '../helpers/run-as.js';

const reserved = 'which imgsift keeps for its own folders (_duplicates, _quarantine)';
const classRefusals: ReadonlyArray<readonly [string, string]> = [
	['../evil,ok', 'class name "../evil" contains a path separator'],
	['a/b,ok', 'class name "a/b" contains a path separator'],
	['..,ok', 'class name ".." would name the folder itself or its parent'],
	[
		'.labels,ok',
		'class name ".labels" starts with ".", which makes a hidden folder (imgsift keeps .labels for itself)',
	],
	['/tmp/x,ok', 'class name "/tmp/x" contains a path separator'],
	['a\nb,ok', 'class name "a\\nb" contains a control character'],
	['_duplicates,ok', `class name "_duplicates" starts with "_", ${reserved}`],
	['_quarantine,ok', `class name "_quarantine" starts with "_", ${reserved}`],
];

test('class names that try path traversal are refused, and nothing is created', async (t) => {
	const folder = await makeFaultFolder(t, {'a.jpg': 'img_0002.jpg'});
	const outsideBefore = await outsideOf(folder);
	// All at once: each run only parses and refuses.
	const runs = classRefusals.map(([classes]) => startLabel(t, folder, ['--classes', classes]));
	for (const [index, [classes, reason]] of classRefusals.entries()) {
		const run = runs[index];
		assert.ok(run);
		assert.equal((await run.exited).exitCode, 1, classes);
		assert.ok(
			run.output().includes(`imgsift: --classes is not usable: ${reason}.\r\n`),
			`${JSON.stringify(classes)}: ${run.output()}`,
		);
	}

	assert.deepEqual(await readdir(folder.dir), ['a.jpg'], 'no .labels, no class folder');
	assert.deepEqual(await outsideOf(folder), outsideBefore, 'nothing written outside <dir>');

	// The same names in a hand-edited project.json: refused before any folder is made from them.
	const project = path.join(folder.dir, '.labels', 'project.json');
	await mkdir(path.dirname(project));
	for (const name of ['../evil', '/tmp/x', 'a\u0000b', '.labels']) {
		const text = `${JSON.stringify({version: 1, classes: ['ok', name], out: 'labeled', order: 'path', seed: 1, user: 'root', createdAt: '2026-11-25T10:00:00.000Z'})}\n`;
		await writeFile(project, text);
		const result = await runCli(['commit', folder.dir], {env: folder.env});
		assert.equal(result.status, 1, result.stderr);
		assert.match(
			result.stderr,
			new RegExp(
				`^imgsift: ${project.replaceAll('.', '\\.')} is not an imgsift project file: in "classes", class name .+\\. Fix it by hand, or move it away and imgsift will recreate it\\.\\n$`,
			),
		);
		assert.equal(await readFile(project, 'utf8'), text);
	}

	assert.deepEqual(await readdir(folder.dir), ['.labels', 'a.jpg']);
	assert.deepEqual(await readdir(path.dirname(project)), ['project.json']);
	assert.deepEqual(await outsideOf(folder), outsideBefore, 'nothing written outside <dir>');
});

/** Whether reading a file updates its access time here (relatime does, when atime <= mtime). */
async function readsUpdateAtime(folder: string): Promise<boolean> {
	const probe = path.join(folder, 'atime-probe');
	await writeFile(probe, 'probe');
	await utimes(probe, 1_000_000_000, 1_100_000_000);
	await readFile(probe);
	return (await stat(probe)).atimeMs !== 1_000_000_000_000;
}

test('predictions naming paths outside <dir> or a symlink are reported, never read or moved', async (t) => {
	const folder = await makeFaultFolder(t, {
		'a.jpg': 'img_0002.jpg',
		'b.png': 'img_0022.png',
		'outside.jpg': 'img_0003.jpg',
	});
	const {base, dir, outside} = folder;
	const secret = path.join(outside, 'secret.jpg');
	const sibling = path.join(base, 'outside.jpg');
	await copyFile(path.join(samplesFolder, 'img_0004.jpg'), sibling);
	await symlink(secret, path.join(dir, 'link.jpg'));
	const predictions = path.join(base, 'p.csv');
	await writeFile(
		predictions,
		[
			'path,label,confidence',
			'a.jpg,photo,0.9',
			'b.png,screenshot,0.8',
			'../outside.jpg,screenshot,0.99',
			`${secret},photo,0.97`,
			'link.jpg,screenshot,0.95',
			'',
		].join('\n'),
	);
	const atimeWorks = await readsUpdateAtime(folder.env['TMPDIR'] ?? base);
	const before = await contentsUnder(dir);
	const outsideBefore = await outsideOf(folder);
	for (const file of [secret, sibling]) {
		await utimes(file, 1_000_000_000, 1_100_000_000);
	}

	const outsideWarning =
		'p.csv:4: skipped, ../outside.jpg is outside the folder (paths are relative to it)';
	const guess = await runCli(
		['guess', dir, '--json', '--classes', 'photo,screenshot', '--predictions', predictions],
		{env: folder.env},
	);
	assert.equal(guess.status, 0, guess.stderr);
	const guesses = guess.stdout
		.trim()
		.split('\n')
		.map((line) => {
			const {path: itemPath, guess: label} = JSON.parse(line) as Record<string, unknown>;
			return [itemPath, label];
		});
	assert.deepEqual(guesses, [
		['a.jpg', 'photo'],
		['b.png', 'screenshot'],
		['outside.jpg', null],
	]);
	assert.ok(guess.stderr.includes(`imgsift: ${outsideWarning}\n`), guess.stderr);
	assert.ok(
		guess.stderr.includes(
			`imgsift: 2 prediction(s) match no image in ${dir} (first: ${secret}); paths are matched relative to the folder\n`,
		),
		guess.stderr,
	);

	const cli = startLabel(t, folder, [
		'--classes',
		'photo,screenshot',
		'--predictions',
		predictions,
	]);
	const first = await waitForImage(cli, 'a.jpg');
	assert.ok(columnText(first, 'panel').includes(outsideWarning), first);
	assert.match(columnText(first, 'panel'), /photo 90%/);
	await decide(cli, '\r', 1, 3);
	await waitForImage(cli, 'b.png');
	await decide(cli, '\r', 2, 3);
	const third = await waitForImage(cli, 'outside.jpg');
	assert.match(columnText(third, 'panel'), /not in the predictions file/);
	await decide(cli, '1', 3, 3);
	cli.write('q');
	assert.equal((await cli.exited).exitCode, 0, cli.output().slice(-2000));

	if (atimeWorks) {
		for (const file of [secret, sibling]) {
			assert.equal((await stat(file)).atimeMs, 1_000_000_000_000, `${file} was never read`);
		}
	} else {
		t.diagnostic('reads do not update access times here: "never read" is not checked');
	}

	assert.deepEqual(await contentsUnder(dir), before, 'every file kept');
	assert.deepEqual((await readdir(path.join(dir, 'labeled'), {recursive: true})).sort(), [
		'photo',
		'photo/a.jpg',
		'photo/outside.jpg',
		'screenshot',
		'screenshot/b.png',
	]);
	assert.deepEqual(await outsideOf(folder), outsideBefore, 'nothing outside <dir> changed');
});
