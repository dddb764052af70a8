import assert from 'node:assert/strict';
import {readdir, readFile, writeFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {readJournalFile} from '../../source/ledger/files/journal-file.js';
import {samplesFolder} from '../helpers/dataset.js';
import {
	columnText,
	decide,
	makeFaultFolder,
	startLabel,
	waitForImage,
} from '../helpers/fault-fixture.js';

const guessOf = (screen: string) => /guess (\w+) \d+%/.exec(columnText(screen, 'panel'))?.[1];

test('the c key sets aside a file replaced after its decision and shows it again at once', async (t) => {
	const folder = await makeFaultFolder(t, {
		'a.jpg': 'img_0002.jpg',
		'b.jpg': 'img_0003.jpg',
		'c.jpg': 'img_0004.jpg',
	});
	const {dir} = folder;
	const cli = startLabel(t, folder, ['--classes', 'photo,screenshot', '--no-commit-on-exit']);
	for (const [index, name] of ['a.jpg', 'b.jpg', 'c.jpg'].entries()) {
		await waitForImage(cli, name);
		if (name === 'b.jpg') {
			await cli.waitFor((screen) => guessOf(screen) === 'photo', 'the photo guess for b.jpg');
		}

		await decide(cli, '1', index + 1, 3);
	}

	// Same name, new content, while the loop is open: a screenshot where the photo was decided.
	const screenshot = await readFile(path.join(samplesFolder, 'img_0022.png'));
	await writeFile(path.join(dir, 'b.jpg'), screenshot);
	cli.write('c');
	await cli.waitFor(
		(screen) =>
			columnText(screen, 'panel').includes(
				'Moved 2 files into class folders; 1 changed or missing, set aside to label again.',
			),
		'the commit summary',
	);
	// The new content, not the frame of the old one: it is a PNG now.
	const shown = await waitForImage(cli, 'b.jpg');
	assert.match(columnText(shown, 'panel'), /b\.jpg \d+ × \d+ · PNG · /);
	// And the guess is made again from it, not remembered from the photo.
	await cli.waitFor(
		(screen) => guessOf(screen) === 'screenshot',
		'a screenshot guess for the new b.jpg',
	);
	await decide(cli, '2', 3, 3);
	cli.write('c');
	await cli.waitFor(
		(screen) => columnText(screen, 'panel').includes('Moved 1 file into class folders.'),
		'the second commit',
	);
	cli.write('q');
	assert.equal((await cli.exited).exitCode, 0, cli.output().slice(-2000));

	const moved = await readFile(path.join(dir, 'labeled', 'screenshot', 'b.jpg'));
	assert.equal(moved.equals(screenshot), true, 'the new content, under its new label');
	for (const name of ['a.jpg', 'c.jpg']) {
		await readFile(path.join(dir, 'labeled', 'photo', name));
	}

	const journals = path.join(dir, '.labels', 'journal');
	const [file] = await readdir(journals);
	const journal = await readJournalFile(path.join(journals, file ?? 'none'));
	const reopens = journal.records.filter((record) => record.op === 'reopen');
	assert.equal(reopens.length, 1);
	assert.deepEqual(
		reopens.map((record) => [record.path, record.reason, record.size]),
		[['b.jpg', 'changed', screenshot.length]],
	);
});
