import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {
	contentMultiset,
	copySamples,
	inventory,
	journalRecordsIn,
	removeFolder,
	samplesFolder,
} from '../helpers/dataset.js';
import {cliPath, startCli} from '../helpers/pty-session.js';

const broken = ['img_0046.jpg', 'img_0047.jpg', 'img_0048.png'];

/** The row under the "file" heading: the path of the image on screen. */
function fileOnScreen(screen: string): string | undefined {
	const rows = screen.split('\n');
	const heading = rows.findIndex((row) => /\bfile\s*$/.test(row));
	return heading < 0 ? undefined : /(img_\d{4}\.\w+)\s*$/.exec(rows[heading + 1] ?? '')?.[1];
}

test('broken files are never shown, a duplicate pair is decided once and committed apart', async (t) => {
	const dir = await copySamples();
	t.after(async () => removeFolder(dir));
	const truth = JSON.parse(
		await readFile(path.join(samplesFolder, 'truth.json'), 'utf8'),
	) as Record<string, string>;
	const before = await inventory(dir);
	const cli = startCli(['label', dir, '--classes', 'photo,screenshot']);
	t.after(() => cli.kill());
	await cli.waitFor((screen) => fileOnScreen(screen) === 'img_0001.jpg', 'the first image');
	// The background checks find the far copy (img_0045) and the broken files ahead of the cursor.
	await cli.waitFor((screen) => screen.includes('2 copies'), 'the copy count of img_0001');
	await cli.waitFor((screen) => screen.includes('3 broken set aside'), 'the broken files');

	// Label every image in order: each one the cursor shows must be a usable image, not a copy.
	const shown: string[] = [];
	const usable = Object.keys(truth)
		.filter((name) => truth[name] === 'photo' || truth[name] === 'screenshot')
		.sort();
	for (const name of usable) {
		const screen = await cli.waitFor(
			(text) => fileOnScreen(text) === name,
			`${name} on screen (shown so far: ${shown.join(', ')})`,
		);
		shown.push(fileOnScreen(screen) ?? '');
		cli.write(truth[name] === 'photo' ? '1' : '2');
	}

	await cli.waitFor((screen) => screen.includes('Nothing left to label'), 'the end');
	assert.deepEqual(shown, usable);
	for (const name of [...broken, 'img_0045.jpg']) {
		assert.ok(!shown.includes(name), `${name} was never the image on screen`);
	}

	cli.write('q');
	const {exitCode} = await cli.exited;
	assert.equal(exitCode, 0, cli.output().slice(-2000));

	// Every input is accounted for by content: moved, set apart as a duplicate, or left in place.
	const after = await inventory(dir);
	assert.deepEqual(contentMultiset(after), contentMultiset(before));
	assert.equal(
		after.get(path.join('labeled', 'photo', 'img_0001.jpg')),
		before.get('img_0001.jpg'),
	);
	assert.equal(
		after.get(path.join('labeled', '_duplicates', 'photo', 'img_0045.jpg')),
		before.get('img_0045.jpg'),
	);
	assert.equal(after.has(path.join('labeled', 'photo', 'img_0045.jpg')), false);
	for (const name of broken) {
		assert.equal(after.get(name), before.get(name), `${name} stays where it was`);
	}

	const records = await journalRecordsIn(dir);
	const brokenRecords = records.filter((record) => record['op'] === 'broken');
	assert.deepEqual(brokenRecords.map((record) => [record['path'], record['reason']]).sort(), [
		['img_0046.jpg', 'truncated'],
		['img_0047.jpg', 'empty'],
		['img_0048.png', 'not-an-image'],
	]);
	const copies = records.filter((record) => record['op'] === 'copy');
	assert.deepEqual(
		copies.map((record) => [record['path'], record['of'], record['label']]),
		[['img_0045.jpg', 'img_0001.jpg', 'photo']],
	);

	const status = spawnSync(process.execPath, [cliPath, 'status', dir], {encoding: 'utf8'});
	assert.equal(status.status, 0, status.stderr);
	assert.match(status.stdout, /broken {7}3 set aside/);
	assert.match(status.stdout, /img_0046\.jpg {2}truncated: /);
	assert.match(status.stdout, /img_0047\.jpg {2}empty: 0 bytes/);
	assert.match(status.stdout, /img_0048\.png {2}not-an-image: text, not an image/);
	assert.match(status.stdout, /img_0045\.jpg {2}= img_0001\.jpg \(photo\)/);
	assert.match(status.stdout, /decided {6}44\/48 {2}\(0 to go/);
});
