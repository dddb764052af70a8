import assert from 'node:assert/strict';
import test from 'node:test';
import type {JournalRecord} from '../../source/core/journal-record.js';
import {initialState} from '../../source/core/session-state.js';
import type {PredictionRow} from '../../source/formats/predictions.js';
import {PredictionIndex} from '../../source/model/prediction-index.js';
import {PredictionsGuessSource} from '../../source/model/predictions-source.js';
import {RankedFeed, rankCandidates} from '../../source/session/ranked-feed.js';
import {createSessionStore, type SessionStore} from '../../source/session/session-store.js';

const classes = ['photo', 'screenshot'];
const confidences: Record<string, number> = {
	'a.jpg': 0.9,
	'b.jpg': 0.55,
	'c.jpg': 0.99,
	'd.jpg': 0.7,
	'e.jpg': 0.6,
	'f.jpg': 0.8,
};

function predictionsSource(): PredictionsGuessSource {
	const rows: PredictionRow[] = Object.entries(confidences).map(([path, confidence], index) => ({
		path,
		label: 'photo',
		confidence,
		line: index + 1,
	}));
	return new PredictionsGuessSource(new PredictionIndex(rows, '/data', classes), 'p.csv');
}

function memoryStore(): {store: SessionStore; records: JournalRecord[]} {
	const records: JournalRecord[] = [];
	const store = createSessionStore(initialState(classes), {
		append: async (record) => {
			records.push(record);
		},
	});
	return {store, records};
}

async function until(predicate: () => boolean, what: string): Promise<void> {
	for (let turn = 0; turn < 1000; turn++) {
		if (predicate()) {
			return;
		}

		await new Promise<void>((resolve) => {
			setImmediate(resolve);
		});
	}

	assert.fail(`never happened: ${what}`);
}

test('rankCandidates: least sure first or surest first, unguessable last, pending left out', () => {
	const candidates = [
		{path: 'x', view: {status: 'ready', guess: {label: 'photo', confidence: 0.9, source: 's'}}},
		{path: 'y', view: {status: 'pending'}},
		{path: 'z', view: {status: 'none', reason: 'broken'}},
		{path: 'w', view: {status: 'ready', guess: {label: 'photo', confidence: 0.6, source: 's'}}},
		{path: 'v', view: {status: 'ready', guess: {label: 'photo', confidence: 0.6, source: 's'}}},
	] as const;
	assert.deepEqual(rankCandidates(candidates, 'uncertain', 10), ['v', 'w', 'x', 'z']);
	assert.deepEqual(rankCandidates(candidates, 'confident', 2), ['x', 'v']);
});

test('--order uncertain shows the least certain images first, a few at a time', async () => {
	const {store} = memoryStore();
	const feed = new RankedFeed(store, predictionsSource(), 'uncertain', 2);
	await feed.add(Object.keys(confidences));
	feed.finish();
	const shown: string[] = [];
	for (let step = 0; step < 6; step++) {
		await until(() => store.getState().cursor !== undefined, 'an image on screen');
		const cursor = store.getState().cursor ?? '';
		shown.push(cursor);
		assert.ok(store.getState().catalog.length <= shown.length + 2, 'held back, not all at once');
		await store.apply({
			type: 'decide',
			item: {path: cursor, size: 1, mtimeMs: 1},
			label: 'photo',
			time: 't',
			ms: 1,
		});
	}

	assert.deepEqual(shown, ['b.jpg', 'e.jpg', 'd.jpg', 'f.jpg', 'a.jpg', 'c.jpg']);
	await until(() => store.getState().scanDone, 'the scan finished once all were placed');
	feed.stop();
});

test('on resume, decided images join at once and the rest keep their guess order', async () => {
	const {store} = memoryStore();
	await store.apply({type: 'items-found', paths: []});
	for (const path of ['b.jpg', 'e.jpg']) {
		await store.apply({
			type: 'decide',
			item: {path, size: 1, mtimeMs: 1},
			label: 'photo',
			time: 't',
			ms: 1,
		});
	}

	const feed = new RankedFeed(store, predictionsSource(), 'confident', 2);
	await feed.add(Object.keys(confidences));
	await until(() => store.getState().catalog.length >= 4, 'decided plus two ranked');
	const {paths, length} = store.getState().catalog;
	assert.deepEqual(paths.slice(0, length), ['b.jpg', 'e.jpg', 'c.jpg', 'a.jpg']);
	assert.equal(store.getState().cursor, 'c.jpg');
	feed.stop();
});
