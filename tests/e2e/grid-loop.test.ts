import assert from 'node:assert/strict';
import test from 'node:test';
import {copySamples, journalRecordsIn, removeFolder} from '../helpers/dataset.js';
import {startCli} from '../helpers/pty-session.js';

const grid = ['--classes', 'photo,screenshot', '--guess', 'builtin', '--view', 'grid'];
const big = {columns: 140, rows: 45};
const showing = (text: string) => (screen: string) => screen.includes(text);
/**
The first page waits for the built-in guesses of all 48 samples (some are 12 MP photos): on a loaded
2-core box that took longer than the default 15 s wait, without anything being stuck.
*/
const firstPageMs = 60_000;

type JournalEntry = Record<string, unknown> & {origin?: Record<string, unknown>};

async function gridDecisions(dir: string): Promise<JournalEntry[]> {
	const records = (await journalRecordsIn(dir)) as JournalEntry[];
	return records.filter(
		(record) => record['op'] === 'decide' && record.origin?.['kind'] === 'grid',
	);
}

test('grid: cell keys mark and set a class, Enter journals the page, u takes it back whole', async (t) => {
	const dir = await copySamples();
	t.after(async () => removeFolder(dir));
	const cli = startCli(['label', dir, ...grid, '--no-commit-on-exit'], big);
	await cli.waitFor(showing('page 1 · guess: photo · 20 images'), 'the first page', firstPageMs);
	// Surest first: which files take cells a and s depends on the guesses, so read them off.
	const captions = await cli.waitFor(
		(screen) => /\[s\] img_\d+\.\w+ \d+%/.test(screen),
		'captions',
	);
	const nameA = /\[a\] (img_\d+\.\w+) \d+%/.exec(captions)?.[1] ?? '';
	const nameS = /\[s\] (img_\d+\.\w+) \d+%/.exec(captions)?.[1] ?? '';
	await cli.waitFor((screen) => screen.split('\n')[5]?.includes('▀') ?? false, 'thumbnails');
	cli.write('a');
	await cli.waitFor(showing(`[a] ✗ ${nameA}`), 'a cell marked wrong');
	cli.write('a');
	await cli.waitFor(
		(screen) => new RegExp(`\\[a\\] ${nameA} \\d+%`).test(screen),
		'unmarked again',
	);
	cli.write('a2');
	await cli.waitFor((screen) => /\[a\] → screenshot im/.test(screen), 'a class set on a cell');
	cli.write('s');
	const marked = await cli.waitFor(showing(`[s] ✗ ${nameS}`), 'a second cell marked');
	// A page is topped up while it is on screen as guesses arrive (slow under load): count it now.
	const cellsNow = Number(/page 1 · guess: photo · (\d+) images/.exec(marked)?.[1]);
	cli.write('\r');
	await cli.waitFor(showing('page 2 · guess:'), 'the next page');
	const page = await gridDecisions(dir);
	assert.equal(
		page.length,
		cellsNow,
		`every cell: with two classes, one marked wrong is the other; decided: ${page.map((record) => String(record['path'])).join(' ')}`,
	);
	const first = page.find((record) => record['path'] === nameA);
	assert.deepEqual(
		[first?.['label'], first?.['via'], first?.origin],
		['screenshot', 'key', {kind: 'grid', page: 1, guessed: 'photo', outcome: 'corrected'}],
	);
	assert.ok(page.every((record) => record.origin?.['page'] === 1));
	assert.equal(
		page.filter((record) => record.origin?.['outcome'] === 'confirmed').length,
		cellsNow - 2,
	);
	const wrong = page.find((record) => record['path'] === nameS);
	assert.deepEqual(
		[wrong?.['label'], wrong?.origin?.['outcome']],
		['screenshot', 'corrected'],
		'"not a photo" is a screenshot',
	);

	cli.write('u');
	const back = await cli.waitFor(
		(screen) =>
			/page 1 · guess: photo · \d+ images/.test(screen) && /\[a\] → screenshot im/.test(screen),
		'page 1 back, with its marks',
	);
	// Guesses that arrived after Enter top the page up again (the exact copy img_0045 is guessed
	// last, and is open again once its twin's decision is undone): never fewer cells than it had.
	const cellsBack = Number(/page 1 · guess: photo · (\d+) images/.exec(back)?.[1]);
	assert.ok(cellsBack >= cellsNow, `page 1 came back with ${cellsBack} cells, had ${cellsNow}`);
	const records = await journalRecordsIn(dir);
	assert.equal(
		records.filter((record) => record['op'] === 'undo').length,
		cellsNow,
		'one undo per decision',
	);

	cli.write('g');
	await cli.waitFor(
		(screen) => /0\/48 decided/.test(screen) && screen.includes(nameA),
		'single view at the first open image',
	);
	cli.write('g');
	await cli.waitFor(showing('page 1 · guess: photo'), 'back in the grid');
	cli.write('q');
	assert.equal((await cli.exitWithin()).exitCode, 0, cli.output().slice(-1500));
});

test('grid: a resize recomputes the page; a terminal too small for 2×2 says so', async (t) => {
	const dir = await copySamples();
	t.after(async () => removeFolder(dir));
	const cli = startCli(['label', dir, ...grid, '--no-commit-on-exit'], big);
	await cli.waitFor(
		showing('page 1 · guess: photo · 20 images'),
		'a page of 20 (every photo guess) at 140×45',
		firstPageMs,
	);
	cli.write('d');
	await cli.waitFor(showing('[d] ✗ img_'), 'a mark');
	cli.resize(80, 24);
	await cli.waitFor(showing('page 1 · guess: photo · 6 images'), 'a page of 6 at 80×24');
	await cli.waitFor(showing('[d] ✗ img_'), 'the mark kept');
	cli.resize(45, 18);
	await cli.waitFor(showing('Terminal too small for the grid: 45×18'), 'too small');
	await cli.waitFor(showing('needs at least 45×21'), 'what it needs');
	// Keys are read in order: once `g` has left the grid, the Enter before it was handled at 45×18.
	cli.write('\rg');
	await cli.waitFor(showing('Terminal too small: 45×18'), 'g handled after Enter');
	cli.resize(100, 30);
	await cli.waitFor((screen) => /decided/.test(screen), 'single view at 100×30');
	cli.write('g');
	await cli.waitFor(showing('page 1 · guess: photo'), 'the grid again');
	assert.equal((await gridDecisions(dir)).length, 0, 'Enter on a too-small screen did nothing');
	cli.write('q');
	assert.equal((await cli.exitWithin()).exitCode, 0);
});

test('grid: a kill -9 mid-page keeps the accepted page whole; a restart resumes and undoes it', async (t) => {
	const dir = await copySamples();
	t.after(async () => removeFolder(dir));
	const first = startCli(['label', dir, ...grid, '--no-commit-on-exit'], big);
	await first.waitFor(showing('page 1 · guess: photo · 20 images'), 'the first page', firstPageMs);
	first.write('\r');
	await first.waitFor(showing('page 2 · guess:'), 'the second page');
	first.write('as');
	await first.waitFor(showing('[s] ✗'), 'marks on page 2');
	first.kill('SIGKILL');
	await first.exited;
	const kept = await gridDecisions(dir);
	assert.equal(kept.length, 20);
	assert.ok(kept.every((record) => record.origin?.['page'] === 1));

	const second = startCli(['label', dir, ...grid, '--no-commit-on-exit'], big);
	await second.waitFor(
		showing('page 2 · guess:'),
		'numbering goes on after the restart',
		firstPageMs,
	);
	second.write('u');
	// The learner, trained on the restored decisions, may have moved another guess to photo meanwhile.
	await second.waitFor(
		(screen) => Number(/page 1 · guess: photo · (\d+) images/.exec(screen)?.[1] ?? 0) >= 20,
		'page 1 undone across the restart',
	);
	second.write('q');
	assert.equal((await second.exitWithin()).exitCode, 0);
	const records = await journalRecordsIn(dir);
	assert.equal(records.filter((record) => record['op'] === 'undo').length, 20);
});
