import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {copyFile, readdir, readFile, writeFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import sharp from 'sharp';
import {hammingDistance, imageHashes} from '../../source/image/perceptual-hash.js';
import {sha1Of} from '../../source/scan/content-hash.js';
import {journalRecordsIn, samplesFolder} from '../helpers/dataset.js';
import {cliPath, startCli} from '../helpers/pty-session.js';
import {makeTempDir} from '../helpers/temp-dir.js';

const original = '01-original.jpg';
const different = '02-different.png';
const nearCopy = '03-near.jpg';
/** Last in path order: the checks set it aside only after every file before it was checked. */
const empty = '04-empty.jpg';

/** The row under the "file" heading: the path of the image on screen. */
function fileOnScreen(screen: string): string | undefined {
	const rows = screen.split('\n');
	const heading = rows.findIndex((row) => /\bfile\s*$/.test(row));
	return heading < 0 ? undefined : /(\d\d-[\w-]+\.\w+)\s*$/.exec(rows[heading + 1] ?? '')?.[1];
}

/** The side panel's text, its wrapped lines joined by single spaces. */
function sidePanel(screen: string): string {
	const rows = screen.split('\n');
	const column = rows.find((row) => /\bclasses\s*$/.test(row))?.search(/\bclasses\s*$/) ?? 0;
	return rows
		.map((row) => row.slice(column).trim())
		.filter((row) => row !== '')
		.join(' ');
}

test('a near copy of a decided image shows that decision and distance, and a accepts it', async (t) => {
	const dir = await makeTempDir(t, 'imgsift-near-');
	await copyFile(path.join(samplesFolder, 'img_0002.jpg'), path.join(dir, original));
	await copyFile(path.join(samplesFolder, 'img_0022.png'), path.join(dir, different));
	// Resized to 80% and recompressed: other bytes, nearly the same picture.
	const source = sharp(path.join(dir, original));
	const {width = 0} = await source.metadata();
	await source
		.resize(Math.round(width * 0.8))
		.jpeg({quality: 60})
		.toFile(path.join(dir, nearCopy));
	await writeFile(path.join(dir, empty), '');

	const files = Object.fromEntries(
		await Promise.all(
			[original, different, nearCopy].map(async (name) => {
				const bytes = await readFile(path.join(dir, name));
				return [name, {sha1: sha1Of(bytes), phash: (await imageHashes(bytes)).phash}] as const;
			}),
		),
	);
	const hashOf = (name: string) => files[name]?.phash ?? '';
	const nearDistance = hammingDistance(hashOf(original), hashOf(nearCopy));
	assert.notEqual(
		files[nearCopy]?.sha1,
		files[original]?.sha1,
		'the near copy is not an exact one',
	);
	assert.ok(nearDistance <= 12, `the near copy is within the loop's distance (d=${nearDistance})`);
	assert.ok(hammingDistance(hashOf(original), hashOf(different)) > 12, 'the other image differs');

	const cli = startCli(['label', dir, '--classes', 'cat,dog']);
	t.after(() => cli.kill());
	await cli.waitFor((screen) => fileOnScreen(screen) === original, 'the first image');
	// The checks go in path order, so once the last file is set aside every other one is hashed.
	await cli.waitFor((screen) => screen.includes('1 broken set aside'), 'the empty file set aside');
	cli.write('2');

	// A clearly different image, its hashes known, gets no offer; `a` says so and decides nothing.
	let screen = await cli.waitFor((text) => fileOnScreen(text) === different, 'the other image');
	assert.doesNotMatch(sidePanel(screen), /near copy/);
	cli.write('a');
	const refusal = 'No near copy of a decided image is known for this one';
	// A frame may reach the screen in several pty reads: wait until its file row is drawn too.
	screen = await cli.waitFor(
		(text) => sidePanel(text).includes(refusal) && fileOnScreen(text) !== undefined,
		'the refusal of a, with the file shown',
	);
	assert.equal(fileOnScreen(screen), different, 'the image stays on screen, undecided');
	cli.write('1');

	screen = await cli.waitFor(
		(text) => fileOnScreen(text) === nearCopy && sidePanel(text).includes('near copy of'),
		'the near copy and its offer',
	);
	const panel = sidePanel(screen);
	const offer = /near copy of (\S+) \(decided: (\w+), d=(\d+)\)/.exec(panel);
	assert.deepEqual(offer?.slice(1), [original, 'dog', String(nearDistance)], screen);
	assert.match(panel, /a gives it that label/);
	assert.ok(!panel.includes(refusal), `the refusal left with the image it was about: ${panel}`);
	cli.write('a');

	await cli.waitFor((text) => text.includes('Nothing left to label'), 'the end');
	cli.write('q');
	const {exitCode} = await cli.exited;
	assert.equal(exitCode, 0, cli.output().slice(-2000));

	const status = spawnSync(process.execPath, [cliPath, 'status', dir, '--json'], {
		encoding: 'utf8',
	});
	assert.equal(status.status, 0, status.stderr);
	const report = JSON.parse(status.stdout) as {
		decided: number;
		perClass: Record<string, number>;
		hygiene: {copies: unknown[]};
	};
	assert.equal(report.decided, 3);
	assert.deepEqual(report.perClass, {cat: 1, dog: 2});
	assert.deepEqual(report.hygiene.copies, [], 'a near copy is not an exact copy');

	const decisions = (await journalRecordsIn(dir))
		.filter((record) => record['op'] === 'decide')
		.map((record) => [record['path'], record['label']]);
	assert.deepEqual(decisions, [
		[original, 'dog'],
		[different, 'cat'],
		[nearCopy, 'dog'],
	]);
	// A near copy is a picture of its own: it joins the class folder, not _duplicates.
	const dogFolder = await readdir(path.join(dir, 'labeled', 'dog'));
	assert.deepEqual(dogFolder.sort(), [original, nearCopy]);
});
