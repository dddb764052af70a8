import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {mkdir, mkdtemp, open, readdir, readFile, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test, {type TestContext} from 'node:test';
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

/** Mounts a tmpfs of `size` at a fresh folder; a string says why not. Unmounted after the test. */
async function smallDisk(t: TestContext, size: string): Promise<string | {reason: string}> {
	if (process.getuid?.() !== 0) {
		return {reason: 'not root, so no tmpfs can be mounted'};
	}

	const mountPoint = await mkdtemp(path.join(os.tmpdir(), 'imgsift-small-disk-'));
	const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', mountPoint], {
		encoding: 'utf8',
	});
	if (mounted.status !== 0) {
		await rm(mountPoint, {recursive: true, force: true});
		return {reason: `mount failed: ${mounted.stderr.trim() || mounted.error?.message}`};
	}

	// One hook, so the unmount surely comes before the folder is removed.
	t.after(async () => {
		const unmounted = spawnSync('umount', [mountPoint], {encoding: 'utf8'});
		if (unmounted.status !== 0) spawnSync('umount', ['-l', mountPoint]);
		await rm(mountPoint, {recursive: true, force: true});
	});
	return mountPoint;
}

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

/** Fills the file system holding `folder` with one file until a write fails with ENOSPC. */
async function fillDisk(file: string): Promise<void> {
	const handle = await open(file, 'w');
	try {
		const chunk = Buffer.alloc(64 * 1024, 1);
		for (;;) {
			try {
				await handle.write(chunk);
			} catch {
				// Byte by byte at the end, so not even a small write still fits.
				for (;;) {
					try {
						if ((await handle.write(Buffer.alloc(1, 1))).bytesWritten === 0) return;
					} catch {
						return;
					}
				}
			}
		}
	} finally {
		await handle.close();
	}
}

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
	const filler = path.join(disk, 'filler.bin');
	await fillDisk(filler);
	const refusal =
		'could not write the journal /JOURNAL: disk full. Free space, then press a key again; nothing was lost.';
	let decided = 0;
	for (;;) {
		cli.write('1');
		const screen = await cli.waitFor(
			(text) =>
				decidedOn(text, names.length) === decided + 1 ||
				columnText(text, 'panel').includes('disk full'),
			'a decision or the refusal',
		);
		if (decidedOn(screen, names.length) === decided + 1) {
			decided++;
			assert.ok(decided < names.length, 'the journal never filled the disk');
			continue;
		}

		const journal = path.join(dir, '.labels', 'journal', 'root.jsonl');
		const squash = (text: string) => text.replaceAll(' ', '');
		assert.ok(
			squash(columnText(screen, 'panel')).includes(squash(refusal.replace('/JOURNAL', journal))),
			screen,
		);
		assert.equal(decidedOn(screen, names.length), decided, 'the refused key decided nothing');
		break;
	}

	await rm(filler);
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
