import assert from 'node:assert/strict';
import {stat} from 'node:fs/promises';
import path from 'node:path';
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

const classes = ['photo', 'screenshot'];

test('a grid resumed from a snapshot numbers its first page on from the journal, found when shown', async (t) => {
	const {dir, paths} = await distinctImages(t, 12);
	const first = await openDataset(dir, {classes}, 'ann');
	try {
		await first.store.apply({type: 'items-found', paths});
		await first.store.apply({type: 'scan-finished'});
		for (const [index, item] of paths.slice(0, 3).entries()) {
			const {size, mtimeMs} = await stat(path.join(dir, item));
			await first.store.apply({
				type: 'decide',
				time: new Date().toISOString(),
				item: {path: item, size, mtimeMs},
				label: 'photo',
				ms: 900,
				origin: {kind: 'grid', page: 5 + index, guessed: 'photo', outcome: 'confirmed'},
			});
		}
	} finally {
		await first.close();
	}

	// The second session starts from the exit snapshot: its decisions stay the snapshot's columns.
	const dataset = await openDataset(dir, {classes}, 'ann');
	const guesses = await openLabelGuesses(dataset, {
		predictions: await photoPredictions(t, paths, () => 0.97),
	});
	t.after(async () => {
		await guesses.close();
		await dataset.close();
	});
	const {store} = dataset;
	assert.ok(store.getState().decisions.base, 'resumed from the snapshot');
	await store.apply({type: 'items-found', paths});
	await store.apply({type: 'scan-finished'});
	const {grid} = blocksGridController({
		dir,
		store,
		guesses: guesses.link,
		ahead: 24,
		max: 48,
	});
	grid.setCells(gridCells(140, 45));
	await waitUntil('the first page', () => grid.getSnapshot().header !== undefined, {
		timeoutMs: 20_000,
		describe: () => String(grid.getSnapshot().header),
	});
	assert.match(grid.getSnapshot().header ?? '', /^page 8 /);
});
