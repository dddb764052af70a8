import assert from 'node:assert/strict';
import test from 'node:test';
import {openDataset} from '../../source/app/dataset.js';
import {openLabelGuesses} from '../../source/app/label-guesses.js';
import {
	blocksGridController,
	distinctImages,
	gridCells,
	photoPredictions,
} from '../helpers/grid-session.js';
import {waitUntil} from '../helpers/ink-wait.js';

const patient = {timeoutMs: 20_000};

test('the grid prepares the two pages that follow Enter, also when surer items lie past the window', async (t) => {
	// Pages come from a window of 96 open items (24 cells). The first 96 images are guessed with
	// 70-80%, all later ones with 98-99%: after Enter on the first page the window reaches them.
	const {dir, paths} = await distinctImages(t, 200);
	const predictions = await photoPredictions(t, paths, (index) =>
		index < 96 ? 0.8 - index * 0.001 : 0.99 - (index - 96) * 0.0001,
	);
	const dataset = await openDataset(dir, {classes: ['photo', 'screenshot']}, 'ann');
	const guesses = await openLabelGuesses(dataset, {predictions});
	// Closed before the temp folder's removal (an earlier hook): the ledger writes to .labels until then.
	let closed: Promise<void> | undefined;
	const close = async () => {
		closed ??= (async () => {
			await guesses.close();
			await dataset.close();
		})();
		return closed;
	};
	t.after(close);
	const {store} = dataset;
	await store.apply({type: 'items-found', paths});
	await store.apply({type: 'scan-finished'});

	const {grid, frames} = blocksGridController({
		dir,
		store,
		guesses: guesses.link,
		ahead: 52,
		max: 96,
	});
	const cells = gridCells(140, 45);
	grid.setCells(cells);
	const box = cells[0]?.image;
	assert.ok(box);
	const pageOf = async (number: number) => {
		const shown = () => grid.getSnapshot().header?.startsWith(`page ${number} `);
		await waitUntil(`page ${number}`, shown, patient);
		return grid.getSnapshot().cells.map((cell) => cell.path);
	};

	const first = await pageOf(1);
	assert.deepEqual(first, paths.slice(0, 24), 'the surest of the first window');
	// While the person looks at page 1, the thumbnails of the next two pages load.
	const loaded = () => paths.filter((item) => !first.includes(item) && frames.peek(item, box));
	await waitUntil('two pages prepared', () => loaded().length >= 48, {
		...patient,
		describe: () => loaded().join(' '),
	});
	const prepared = loaded();

	// The decisions and the next page reach the screen in one render: by the time the store tells
	// the screen about the decisions, the next page is open.
	const headersWhenDecided: Array<string | undefined> = [];
	const stopWatching = store.subscribe(() => headersWhenDecided.push(grid.getSnapshot().header));
	grid.intent({action: 'accept-page'});
	const second = await pageOf(2);
	stopWatching();
	assert.match(headersWhenDecided[0] ?? '', /^page 2 /);
	grid.intent({action: 'accept-page'});
	const third = await pageOf(3);
	assert.deepEqual(second, paths.slice(96, 120));
	assert.deepEqual(third, paths.slice(120, 144));
	assert.deepEqual(prepared, [...second, ...third], 'what was prepared is what Enter shows');
	await close();
});
