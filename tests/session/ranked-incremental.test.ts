import assert from 'node:assert/strict';
import test from 'node:test';
import {initialState} from '../../source/core/session-state.js';
import type {PredictionRow} from '../../source/formats/predictions.js';
import {PredictionIndex} from '../../source/model/prediction-index.js';
import {PredictionsGuessSource} from '../../source/model/predictions-source.js';
import {RankedFeed} from '../../source/session/ranked-feed.js';
import {RankedHeap} from '../../source/session/ranked-heap.js';
import {createSessionStore} from '../../source/session/session-store.js';

const classes = ['photo', 'screenshot'];

test('the heap gives the lowest key first, ties by path', () => {
	const heap = new RankedHeap();
	const keys = [0.7, 0.2, 0.9, 0.2, 0.5, Number.POSITIVE_INFINITY, 0.1];
	for (const [index, key] of keys.entries()) heap.push({key, path: `p${6 - index}`});
	const order: string[] = [];
	for (let entry = heap.pop(); entry; entry = heap.pop()) order.push(`${entry.path}:${entry.key}`);
	assert.deepStrictEqual(order, [
		'p0:0.1',
		'p3:0.2',
		'p5:0.2',
		'p2:0.5',
		'p6:0.7',
		'p4:0.9',
		'p1:Infinity',
	]);
});

test('a decision re-reads a handful of guesses, not every held image, and keeps the order', async () => {
	const count = 3000;
	const paths = Array.from(
		{length: count},
		(_, index) => `d/${String(index).padStart(5, '0')}.jpg`,
	);
	// Confidences in a scrambled order, so the feed must rank them.
	const confidence = (index: number) => ((index * 7919) % count) / count;
	const rows: PredictionRow[] = paths.map((path, index) => ({
		path,
		label: 'photo',
		confidence: confidence(index),
		line: index + 1,
	}));
	const source = new PredictionsGuessSource(new PredictionIndex(rows, '/data', classes), 'p.csv');
	const store = createSessionStore(initialState(classes), {append: async () => undefined});
	const feed = new RankedFeed(store, source, 'uncertain', 4);
	await feed.add(paths);
	feed.finish();
	await feed.idle();
	const afterRanking = feed.viewsRead;
	assert.ok(afterRanking >= count, 'every image was read once to rank it');
	const expected = paths
		.map((path, index) => ({path, key: confidence(index)}))
		.sort((left, right) => left.key - right.key)
		.slice(0, 20)
		.map(({path}) => path);
	const shown: string[] = [];
	for (let step = 0; step < 20; step++) {
		const cursor = store.getState().cursor ?? '';
		shown.push(cursor);
		await store.apply({
			type: 'decide',
			item: {path: cursor, size: 1, mtimeMs: 1},
			label: 'photo',
			time: 't',
			ms: 1,
		});
		await feed.idle();
	}

	assert.deepStrictEqual(shown, expected);
	assert.ok(
		feed.viewsRead - afterRanking < 20,
		`20 decisions read ${feed.viewsRead - afterRanking} guesses again`,
	);
	feed.stop();
});
