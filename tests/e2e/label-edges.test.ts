import assert from 'node:assert/strict';
import {copyFile, mkdtemp, readdir} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import {removeFolder, samplesFolder} from '../helpers/dataset.js';
import {startCli} from '../helpers/pty-session.js';

const classes = ['--classes', 'photo,screenshot'];

async function folderWith(files: Record<string, string>): Promise<string> {
	const dir = await mkdtemp(path.join(os.tmpdir(), 'imgsift-edges-'));
	for (const [name, sample] of Object.entries(files)) {
		await copyFile(path.join(samplesFolder, sample), path.join(dir, name));
	}

	return dir;
}

test('a hostile file name is shown escaped and cannot inject escapes', async (t) => {
	const hostile = 'evil\u001B[2J\u001B]0;pwned\u0007\nname.jpg';
	const dir = await folderWith({[hostile]: 'img_0001.jpg'});
	t.after(async () => removeFolder(dir));
	const cli = startCli(['label', dir, ...classes]);
	const screen = await cli.waitFor((text) => text.includes('evil\\x1b[2J'), 'the escaped name');
	assert.match(screen, /\\x07|\\n/, 'BEL or newline shown as an escape');
	assert.equal(
		cli.output().includes('\u001B]0;pwned'),
		false,
		'the title escape never reached the terminal',
	);
	cli.write('1');
	await cli.waitFor((text) => /1\/1 decided/.test(text), 'decided');
	cli.write('q');
	assert.equal((await cli.exited).exitCode, 0);
	assert.deepEqual(await readdir(path.join(dir, 'labeled', 'photo')), [hostile]);
});

test('broken files show their reason instead of an image, and can be skipped', async (t) => {
	const dir = await folderWith({
		'a_truncated.jpg': 'img_0046.jpg',
		'b_empty.jpg': 'img_0047.jpg',
		'c_fine.jpg': 'img_0002.jpg',
	});
	t.after(async () => removeFolder(dir));
	const cli = startCli(['label', dir, ...classes, '--no-commit-on-exit']);
	await cli.waitFor(
		(text) => text.includes('a_truncated.jpg') && /truncat/i.test(text),
		'the truncated reason',
	);
	cli.write('s');
	await cli.waitFor(
		(text) => text.includes('b_empty.jpg') && /empty/i.test(text),
		'the empty reason',
	);
	cli.write('s');
	await cli.waitFor((text) => text.includes('c_fine.jpg') && text.includes('▀'), 'the good image');
	cli.write('2');
	// The background checks race the keys: a skipped file they have not yet set aside as broken
	// comes back at the end; one they have is done with, and the screen says how many they set aside.
	await cli.waitFor(
		(text) =>
			text.includes('a_truncated.jpg') ||
			(/Nothing left to label/.test(text) && /2 broken set aside/.test(text)),
		'skipped items come back at the end, or are set aside as broken',
	);
	cli.write('q');
	assert.equal((await cli.exited).exitCode, 0);
});

test('resizing re-lays out the image, and a tiny terminal gets a message, not garbage', async (t) => {
	const dir = await folderWith({'one.jpg': 'img_0001.jpg', 'two.png': 'img_0022.png'});
	t.after(async () => removeFolder(dir));
	const cli = startCli(['label', dir, ...classes, '--no-commit-on-exit'], {columns: 120, rows: 40});
	const imageRows = () => cli.screen().filter((line) => /[▀▄]/.test(line)).length;
	// A square photo in the 87×39 image area of a 120×40 terminal fills all 39 rows.
	await cli.waitFor(() => imageRows() === 39, 'the first image, whole');
	const before = imageRows();
	cli.resize(80, 24);
	// In 80×24 the image area is 47×23: the square photo takes 23 rows.
	await cli.waitFor(() => imageRows() === 23, 'a smaller image');
	cli.resize(30, 8);
	await cli.waitFor(
		(text) => /too small/i.test(text) && !/[▀▄]/.test(text),
		'the too-small message',
	);
	cli.resize(120, 40);
	await cli.waitFor(() => imageRows() === before, 'the full-size image again');
	cli.write('q');
	assert.equal((await cli.exited).exitCode, 0);
});

test('SIGTERM leaves at once: terminal restored, decisions kept, nothing moved', async (t) => {
	const dir = await folderWith({'one.jpg': 'img_0001.jpg', 'two.jpg': 'img_0002.jpg'});
	t.after(async () => removeFolder(dir));
	const cli = startCli(['label', dir, ...classes]);
	await cli.waitFor((text) => text.includes('one.jpg'), 'the first image');
	cli.write('1');
	await cli.waitFor((text) => /1\/2 decided/.test(text), 'one decided');
	cli.kill('SIGTERM');
	const {exitCode} = await cli.exited;
	assert.equal(exitCode, 143, '128 + SIGTERM, as a shell reports it');
	assert.ok(cli.output().includes('\u001B[?1049l'), 'left the alternate screen');
	assert.ok(cli.output().includes('\u001B[?25h'), 'cursor shown again');
	assert.deepEqual((await readdir(dir)).sort(), ['.labels', 'one.jpg', 'two.jpg']);
	const again = startCli(['label', dir, '--no-commit-on-exit']);
	await again.waitFor((text) => /1\/2 decided/.test(text) && text.includes('two.jpg'), 'resumed');
	again.write('q');
	assert.equal((await again.exited).exitCode, 0);
});

test('a hang-up (SIGHUP) exits 129 with the decision kept', async (t) => {
	const dir = await folderWith({'one.jpg': 'img_0001.jpg', 'two.jpg': 'img_0002.jpg'});
	t.after(async () => removeFolder(dir));
	const cli = startCli(['label', dir, ...classes]);
	await cli.waitFor((text) => text.includes('one.jpg'), 'the first image');
	cli.write('1');
	await cli.waitFor((text) => /1\/2 decided/.test(text), 'one decided');
	cli.kill('SIGHUP');
	assert.equal((await cli.exited).exitCode, 129);
	const again = startCli(['label', dir, '--no-commit-on-exit']);
	await again.waitFor((text) => /1\/2 decided/.test(text), 'resumed with the decision');
	again.write('q');
	assert.equal((await again.exited).exitCode, 0);
});

test('late terminal replies are not keys: no help, no decision', async (t) => {
	const dir = await folderWith({'one.jpg': 'img_0001.jpg', 'two.jpg': 'img_0002.jpg'});
	t.after(async () => removeFolder(dir));
	const cli = startCli(['label', dir, ...classes, '--no-commit-on-exit']);
	await cli.waitFor((text) => text.includes('one.jpg') && text.includes('▀'), 'the first image');
	// What a slow terminal may answer after the start-up probe gave up: DA1 holds a '?', kitty a '1'.
	cli.write('\u001B_Gi=31;OK\u001B\\\u001B[?62;4;22c\u001BP>|XTerm(1)\u001B\\\u001B[6;20;10t');
	cli.write('s');
	await cli.waitFor((text) => text.includes('two.jpg'), 'the skip after the replies');
	const screen = cli.screen().join('\n');
	assert.match(screen, /0\/2 decided/);
	assert.doesNotMatch(screen, /imgsift keys/, 'help stayed closed');
	cli.write('q');
	assert.equal((await cli.exited).exitCode, 0);
});
