import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {mkdir, readdir, readFile, rm} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {
	columnText,
	contentsUnder,
	decide,
	decidedOn,
	makeFaultFolder,
	outsideOf,
	startLabel,
	waitForImage,
} from '../helpers/fault-fixture.js';
import {writeTexturedJpeg} from '../helpers/image-files.js';
import {runCli} from '../helpers/run-as.js';
import {fillDisk, smallDisk} from '../helpers/small-disk.js';

const partials = async (folder: string) =>
	(await readdir(folder, {recursive: true})).filter((name) => name.endsWith('.imgsift-partial'));

test('a full output disk during commit: a clear message, no partial file, and the next commit finishes', async (t) => {
	const out = await smallDisk(t, '1m');
	if (typeof out !== 'string') {
		t.skip(out.reason);
		return;
	}

	// Four screenshots of 480–680 KB: the first fits in 1 MiB, the second runs out mid-copy.
	const folder = await makeFaultFolder(t, {
		'a.png': 'img_0029.png',
		'b.png': 'img_0044.png',
		'c.png': 'img_0038.png',
		'd.png': 'img_0037.png',
	});
	const {dir} = folder;
	const before = await contentsUnder(dir);
	const outsideBefore = await outsideOf(folder);
	const cli = startLabel(t, folder, [
		'--classes',
		'photo,screenshot',
		'--out',
		out,
		'--no-commit-on-exit',
	]);
	for (const [index, name] of ['a.png', 'b.png', 'c.png', 'd.png'].entries()) {
		await waitForImage(cli, name);
		await decide(cli, '2', index + 1, 4);
	}

	cli.write('q');
	assert.equal((await cli.exited).exitCode, 0, cli.output().slice(-2000));

	const full = await runCli(['commit', dir], {env: folder.env});
	assert.equal(full.status, 1, full.stderr);
	const lines = full.stdout.trim().split('\n');
	for (const [index, name] of ['b.png', 'c.png', 'd.png'].entries()) {
		assert.match(
			lines[index] ?? '',
			new RegExp(
				`^Failed: ${name.replace('.', '\\.')} \\(screenshot\\): no space left on the device; free some space and commit again \\(.+\\)\\. It stays in place; the next commit retries it\\.$`,
			),
		);
	}

	assert.equal(
		lines.at(-1),
		'Moved 1 file into class folders (screenshot 1); 3 not moved (details above).',
	);
	assert.deepEqual(await partials(out), [], 'no partial copy left in <out>');
	assert.deepEqual(await contentsUnder(dir, out), before, 'each file in place or fully moved');
	assert.deepEqual((await readdir(dir)).sort(), ['.labels', 'b.png', 'c.png', 'd.png']);

	const grown = spawnSync('mount', ['-o', 'remount,size=20m', out], {encoding: 'utf8'});
	assert.equal(grown.status, 0, grown.stderr);
	const again = await runCli(['commit', dir], {env: folder.env});
	assert.equal(again.status, 0, again.stdout + again.stderr);
	assert.equal(again.stdout, 'Moved 3 files into class folders (screenshot 3).\n');
	assert.deepEqual(await contentsUnder(dir, out), before, 'nothing lost');
	assert.deepEqual(await readdir(dir), ['.labels']);
	assert.deepEqual(await outsideOf(folder), outsideBefore, 'nothing written outside <dir>, <out>');
});

test('a full disk under the journal refuses the key with a message; nothing acknowledged is lost', async (t) => {
	const disk = await smallDisk(t, '4m');
	if (typeof disk !== 'string') {
		t.skip(disk.reason);
		return;
	}

	const dir = path.join(disk, 'dir');
	// Long names make long records: the journal needs a new page of the disk every ten or so.
	const names = Array.from(
		{length: 24},
		(_, index) => `p${String(index).padStart(2, '0')}-${'x'.repeat(200)}.jpg`,
	);
	await mkdir(dir);
	for (const name of names) {
		// Sizes differ, so no two are exact copies.
		await writeTexturedJpeg(path.join(dir, name), {width: 120 + names.indexOf(name), height: 80});
	}

	const folder = {...(await makeFaultFolder(t, {})), dir};
	const cli = startLabel(t, folder, [
		'--classes',
		'photo,screenshot',
		'--guess',
		'off',
		'--no-commit-on-exit',
	]);
	await waitForImage(cli, 'p00-xxx');
	// Nine decided leave 15 of the 24 claimed images to do: from here on every change claims more.
	let decided = 0;
	while (decided < 9) {
		decided++;
		await decide(cli, '1', decided, names.length);
	}

	const filler = path.join(disk, 'filler.bin');
	await fillDisk(filler);
	const journal = path.join(dir, '.labels', 'journal', 'root.jsonl');
	const squash = (text: string) => text.replaceAll(' ', '');
	const panel = (screen: string) => squash(columnText(screen, 'panel'));
	const refusal = squash(
		`could not write the journal ${journal}: disk full. Free space, then press a key again; nothing was lost.`,
	);
	const claimsFailing = squash(
		`could not claim more images (trying again every 2 s): could not take the claims lock ${path.join(dir, '.labels', 'claims', 'claims.lock')}: disk full. Free space.`,
	);
	for (;;) {
		cli.write('1');
		const screen = await cli.waitFor(
			(text) => decidedOn(text, names.length) === decided + 1 || panel(text).includes(refusal),
			'a decision or the refusal',
		);
		if (decidedOn(screen, names.length) === decided + 1) {
			decided++;
			assert.ok(decided < names.length, 'the journal never filled the disk');
			continue;
		}

		assert.equal(decidedOn(screen, names.length), decided, 'the refused key decided nothing');
		break;
	}

	// The claims, tried again in the background, fail too: said beside the refusal, not over it.
	// A claim that held its lock while the disk filled frees the lock's page after: fill it too.
	// Each round waits up to 5 s, then fills again; the wait itself must not fail (that kills the CLI).
	const together = (text: string) =>
		panel(text).includes(refusal) && panel(text).includes(claimsFailing);
	for (let round = 1; ; round++) {
		await fillDisk(filler);
		const roundEnds = Date.now() + 5000;
		const screen = await cli.waitFor(
			(text) => together(text) || Date.now() > roundEnds,
			'the refusal and the failing claims together, or the end of a round',
		);
		if (together(screen)) break;
		assert.ok(
			round < 4,
			`four fills, and still not the refusal and the failing claims:\n${screen}`,
		);
	}
	await rm(filler);
	await cli.waitFor(
		(text) => !panel(text).includes(squash('could not claim')),
		'the claims working again, with no lock left to wait out',
	);
	await decide(cli, '2', decided + 1, names.length);
	cli.write('q');
	assert.equal((await cli.exited).exitCode, 0, cli.output().slice(-2000));
	const status = await runCli(['status', dir, '--json'], {env: folder.env});
	assert.equal(status.status, 0, status.stderr);
	const report = JSON.parse(status.stdout) as Record<string, unknown>;
	assert.equal(report['decided'], decided + 1, 'every acknowledged decision is in the journal');
	assert.deepEqual(report['warnings'], []);
	const journalText = await readFile(path.join(dir, '.labels', 'journal', 'root.jsonl'), 'utf8');
	assert.ok(journalText.endsWith('\n'), 'no half record at the end');
});
