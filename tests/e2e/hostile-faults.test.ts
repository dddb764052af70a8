import assert from 'node:assert/strict';
import {mkdir, readdir, readFile, rm, writeFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {samplesFolder} from '../helpers/dataset.js';
import {
	columnText,
	contentsUnder,
	decide,
	decidedOn,
	makeFaultFolder,
	outsideOf,
	sha1Of,
	startLabel,
	waitForImage,
} from '../helpers/fault-fixture.js';
import {runCli} from '../helpers/run-as.js';

const classes = ['--classes', 'photo,screenshot'];

/** Eight different photos, a.jpg to h.jpg, shown in that order. */
const eightPhotos = Object.fromEntries(
	['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((name, index) => [
		`${name}.jpg`,
		`img_00${String(index + 2).padStart(2, '0')}.jpg`,
	]),
);

test('a file deleted after the scan is shown as gone and skipped; one deleted after its decision is set aside by commit', async (t) => {
	const folder = await makeFaultFolder(t, eightPhotos);
	const {dir} = folder;
	const before = await contentsUnder(dir);
	const outsideBefore = await outsideOf(folder);
	const cli = startLabel(t, folder, [...classes, '--no-commit-on-exit']);
	await waitForImage(cli, 'a.jpg');
	// f.jpg is five images ahead, past the four the screen prefetches: nothing has loaded it yet.
	const deleted = [await sha1Of(path.join(dir, 'f.jpg'))];
	await rm(path.join(dir, 'f.jpg'));
	await decide(cli, '1', 1, 8);
	// a.jpg goes after its decision: the journal holds it, the commit must notice.
	deleted.push(await sha1Of(path.join(dir, 'a.jpg')));
	await rm(path.join(dir, 'a.jpg'));
	for (const [index, name] of ['b.jpg', 'c.jpg', 'd.jpg', 'e.jpg'].entries()) {
		await waitForImage(cli, name);
		await decide(cli, '1', index + 2, 8);
	}

	const gone = await cli.waitFor(
		(screen) => screen.includes('this file is gone'),
		'f.jpg shown as gone',
	);
	assert.match(
		columnText(gone, 'image'),
		/^this file is gone f\.jpg is gone: deleted or moved after the scan it cannot be labeled; s skips it$/,
	);
	cli.write('1');
	await cli.waitFor(
		(screen) =>
			columnText(screen, 'panel').includes(
				'This file is gone (deleted or moved by another program). Press s to skip it.',
			),
		'a class key refused on the gone file',
	);
	assert.equal(decidedOn(cli.screen().join('\n'), 8), 5, 'nothing decided for f.jpg');
	cli.write('s');
	await waitForImage(cli, 'g.jpg');
	assert.match(cli.screen().join('\n'), /skipped 1/);
	await decide(cli, '2', 6, 8);
	await waitForImage(cli, 'h.jpg');
	await decide(cli, '2', 7, 8);
	// The skipped file comes back at the end, still gone; the loop went on past it.
	await cli.waitFor((screen) => screen.includes('f.jpg is gone'), 'f.jpg back at the end');
	cli.write('q');
	assert.equal((await cli.exited).exitCode, 0, cli.output().slice(-2000));

	const commit = await runCli(['commit', dir], {env: folder.env});
	assert.equal(commit.status, 1, commit.stderr);
	assert.equal(
		commit.stdout,
		[
			'Not moved, missing: a.jpg: the file is gone; its decision is set aside.',
			'Moved 6 files into class folders (photo 4, screenshot 2); 1 changed or missing, set aside to label again.',
			'',
		].join('\n'),
	);
	// The decision of the gone file was set aside: nothing waits for it, and the commit converges.
	const again = await runCli(['commit', dir], {env: folder.env});
	assert.equal(again.status, 0, again.stdout + again.stderr);
	assert.equal(again.stdout, 'Nothing to commit: every decided file is in its class folder.\n');
	const status = await runCli(['status', dir, '--json'], {env: folder.env});
	assert.equal(status.status, 0, status.stderr);
	const report = JSON.parse(status.stdout) as Record<string, unknown>;
	assert.deepEqual(
		[report['decided'], report['undecided'], report['committed'], report['pendingMoves']],
		[6, 0, 6, 0],
	);
	const expected = before.filter((hash) => !deleted.includes(hash));
	assert.deepEqual(await contentsUnder(dir), expected, 'every file that was not deleted is kept');
	for (const name of ['b.jpg', 'c.jpg', 'd.jpg', 'e.jpg']) {
		await readFile(path.join(dir, 'labeled', 'photo', name));
	}

	assert.deepEqual(await outsideOf(folder), outsideBefore, 'nothing written outside <dir>');
});

test('a file replaced after its decision is set aside by commit, shown again, and moved with its new label', async (t) => {
	const folder = await makeFaultFolder(t, {
		'a.jpg': 'img_0002.jpg',
		'b.jpg': 'img_0003.jpg',
		'c.jpg': 'img_0004.jpg',
	});
	const {dir} = folder;
	const outsideBefore = await outsideOf(folder);
	const cli = startLabel(t, folder, [...classes, '--no-commit-on-exit']);
	for (const [index, name] of ['a.jpg', 'b.jpg', 'c.jpg'].entries()) {
		await waitForImage(cli, name);
		await decide(cli, '1', index + 1, 3);
	}

	cli.write('q');
	assert.equal((await cli.exited).exitCode, 0, cli.output().slice(-2000));
	// Same name, new content: a screenshot where the photo was decided.
	const screenshot = await readFile(path.join(samplesFolder, 'img_0022.png'));
	await writeFile(path.join(dir, 'b.jpg'), screenshot);
	const before = await contentsUnder(dir);

	const commit = await runCli(['commit', dir], {env: folder.env});
	assert.equal(commit.status, 1, commit.stderr);
	const lines = commit.stdout.split('\n');
	assert.match(
		lines[0] ?? '',
		/^Not moved, changed since it was decided: b\.jpg: its size was \d+ bytes when decided and is \d+ now; its decision is set aside; `imgsift label (.+)` shows it again\.$/,
	);
	assert.ok(lines[0]?.includes(`\`imgsift label ${dir}\``), `${lines[0]} names ${dir}`);
	assert.equal(
		lines[1],
		'Moved 2 files into class folders (photo 2); 1 changed or missing, set aside to label again.',
	);
	assert.deepEqual(await contentsUnder(dir), before, 'the new content is kept where it is');
	assert.equal(
		(await readFile(path.join(dir, 'b.jpg'))).equals(screenshot),
		true,
		'b.jpg holds the new content',
	);
	const status = await runCli(['status', dir, '--json'], {env: folder.env});
	const report = JSON.parse(status.stdout) as Record<string, unknown>;
	assert.deepEqual([report['decided'], report['undecided']], [2, 1], 'b.jpg is undecided');

	// The next labeling session shows b.jpg again; its new label goes with it on quit's commit.
	const relabel = startLabel(t, folder, classes);
	await waitForImage(relabel, 'b.jpg');
	await decide(relabel, '2', 3, 3);
	relabel.write('q');
	assert.equal((await relabel.exited).exitCode, 0, relabel.output().slice(-2000));
	assert.equal(
		(await readFile(path.join(dir, 'labeled', 'screenshot', 'b.jpg'))).equals(screenshot),
		true,
		'the new content, under its new label',
	);
	const last = await runCli(['commit', dir], {env: folder.env});
	assert.equal(last.status, 0, last.stdout + last.stderr);
	assert.deepEqual(await outsideOf(folder), outsideBefore, 'nothing written outside <dir>');
});

test('corrupt journal lines in the middle are skipped by line number; every other decision is kept', async (t) => {
	const folder = await makeFaultFolder(t, {
		'a.jpg': 'img_0002.jpg',
		'b.jpg': 'img_0003.jpg',
		'c.jpg': 'img_0004.jpg',
		'd.jpg': 'img_0005.jpg',
	});
	const {dir} = folder;
	const before = await contentsUnder(dir);
	const first = startLabel(t, folder, [...classes, '--no-commit-on-exit']);
	for (const [index, name] of ['a.jpg', 'b.jpg', 'c.jpg', 'd.jpg'].entries()) {
		await waitForImage(first, name);
		await decide(first, index % 2 === 0 ? '1' : '2', index + 1, 4);
	}

	first.write('q');
	assert.equal((await first.exited).exitCode, 0, first.output().slice(-2000));
	const journal = path.join(dir, '.labels', 'journal', 'root.jsonl');
	const [session, decideA, decideB, decideC, decideD] = (await readFile(journal, 'utf8')).split(
		'\n',
	);
	assert.match(decideD ?? '', /"op":"decide","path":"d\.jpg"/);
	const damaged = Buffer.concat(
		[
			session,
			decideA,
			'\u0000\u001B[2J}{ garbage from a bad sector',
			decideB,
			decideC?.slice(0, 60),
			// d.jpg's path with a byte that is not UTF-8: lenient decoding would make it another path.
			Buffer.from((decideD ?? '').replace('"d.jpg"', '"\u0001.jpg"')).map((byte) =>
				byte === 1 ? 0xff : byte,
			),
		].flatMap((line) => [Buffer.from(line ?? ''), Buffer.from('\n')]),
	);
	await writeFile(journal, damaged);
	const warning = `the journal ${journal} has 3 lines imgsift cannot use, skipped: line 3 (not valid JSON), line 5 (not valid JSON), line 6 (not valid UTF-8: damaged bytes). Every other record was replayed; an image whose decision was on a skipped line comes back undecided, so label it again. The journal is never rewritten: remove those lines by hand to end this warning.`;

	const status = await runCli(['status', dir, '--json'], {env: folder.env});
	assert.equal(status.status, 0, status.stderr);
	const report = JSON.parse(status.stdout) as Record<string, unknown>;
	// The hand-edited journal no longer matches the snapshot of the last exit: that is said after.
	const [firstWarning, ...others] = report['warnings'] as string[];
	assert.equal(firstWarning, warning);
	for (const other of others) assert.match(other, /snapshot .* was not used/);
	assert.equal(report['decided'], 2);
	assert.deepEqual(report['perClass'], {photo: 1, screenshot: 1});

	const second = startLabel(t, folder, []);
	const screen = await waitForImage(second, 'c.jpg');
	// Wrapping may break the path anywhere: compare without spaces.
	const squash = (text: string) => text.replaceAll(' ', '');
	assert.ok(squash(columnText(screen, 'panel')).includes(squash(warning)), screen);
	assert.equal(decidedOn(screen, 4), 2);
	await decide(second, '1', 3, 4);
	await waitForImage(second, 'd.jpg');
	await decide(second, '2', 4, 4);
	second.write('q');
	assert.equal((await second.exited).exitCode, 0, second.output().slice(-2000));
	const after = await readFile(journal);
	assert.ok(after.subarray(0, damaged.length).equals(damaged), 'the journal was only appended to');
	assert.deepEqual(await contentsUnder(dir), before, 'every file kept');
	for (const [name, label] of [
		['a.jpg', 'photo'],
		['b.jpg', 'screenshot'],
		['c.jpg', 'photo'],
		['d.jpg', 'screenshot'],
	] as const) {
		await readFile(path.join(dir, 'labeled', label, name));
	}
});

test('a hand-broken project.json is refused with its place, and is not overwritten', async (t) => {
	const folder = await makeFaultFolder(t, {'a.jpg': 'img_0002.jpg'});
	const {dir} = folder;
	const file = path.join(dir, '.labels', 'project.json');
	await mkdir(path.dirname(file));
	const outsideBefore = await outsideOf(folder);
	const cases = [
		{
			text: '{\n\t"version": 1,\n\t"classes": ["photo", "screenshot",],\n}\n',
			message: `${file} is not valid JSON (line 3, column 36). Fix it by hand, or move it away and imgsift will recreate it.`,
		},
		{
			text: '{"version": 1, "classes": "photo"}\n',
			message: `${file} is not an imgsift project file: "classes" is not a list of names. Fix it by hand, or move it away and imgsift will recreate it.`,
		},
	];
	for (const {text, message} of cases) {
		await writeFile(file, text);
		for (const command of ['status', 'commit']) {
			const result = await runCli([command, dir], {env: folder.env});
			assert.equal(result.status, 1, `${command}: ${result.stderr}`);
			assert.equal(result.stderr, `imgsift: ${message}\n`, command);
		}

		const cli = startLabel(t, folder, classes);
		assert.equal((await cli.exited).exitCode, 1);
		assert.ok(cli.output().includes(`imgsift: ${message}\r\n`), cli.output());
		assert.equal(await readFile(file, 'utf8'), text, 'the file is not overwritten');
		assert.deepEqual(await readdir(path.dirname(file)), ['project.json'], 'no lock left');
	}

	assert.deepEqual(await outsideOf(folder), outsideBefore, 'nothing written outside <dir>');
});
