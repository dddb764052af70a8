import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import path from 'node:path';
import test from 'node:test';
import {copySamples, inventory, journalRecordsIn, removeFolder} from '../helpers/dataset.js';
import {cliPath, startCli} from '../helpers/pty-session.js';

const guessShown = (name: string, label: string) => (screen: string) =>
	screen.includes(name) && new RegExp(`guess ${label} \\d+%`).test(screen);

test('Enter and Space accept the built-in guess: images labeled correctly, guesses journaled', async (t) => {
	const dir = await copySamples();
	t.after(async () => removeFolder(dir));
	const before = await inventory(dir);
	const cli = startCli(['label', dir, '--classes', 'photo,screenshot', '--user', 'ann']);
	t.after(() => cli.kill());
	await cli.waitFor(guessShown('img_0001.jpg', 'photo'), 'a photo guess for the first image');
	cli.write('\r');
	await cli.waitFor(guessShown('img_0002.jpg', 'photo'), 'a photo guess for the second image');
	cli.write(' ');
	await cli.waitFor(guessShown('img_0003.jpg', 'photo'), 'the third image');
	// A class key that agrees with the guess is journaled with the guess beside it.
	cli.write('1');
	await cli.waitFor(
		(screen) => screen.includes('img_0004.jpg') && screen.includes('agrees 3/3'),
		'agreement 3/3',
	);
	cli.write('q');
	const {exitCode} = await cli.exited;
	assert.equal(exitCode, 0, cli.output().slice(-2000));

	const decides = (await journalRecordsIn(dir)).filter((record) => record['op'] === 'decide');
	assert.deepEqual(
		decides.map((record) => [record['path'], record['label'], record['via']]),
		[
			['img_0001.jpg', 'photo', 'guess'],
			['img_0002.jpg', 'photo', 'guess'],
			['img_0003.jpg', 'photo', 'key'],
		],
	);
	for (const record of decides) {
		const guess = record['guess'] as {label: string; confidence: number; source: string};
		assert.equal(guess.label, 'photo');
		assert.ok(guess.confidence > 0.5 && guess.confidence <= 1);
		assert.equal(guess.source, 'builtin');
	}

	const status = spawnSync(process.execPath, [cliPath, 'status', dir, '--user', 'ann'], {
		encoding: 'utf8',
	});
	assert.match(status.stdout, /3 of 3 decisions agreed with the guess shown \(100%\)/);
	assert.match(status.stdout, /1\.00 per image decided/);

	const after = await inventory(dir);
	for (const name of ['img_0001.jpg', 'img_0002.jpg', 'img_0003.jpg']) {
		assert.equal(after.get(path.join('labeled', 'photo', name)), before.get(name), name);
	}
});
