import assert from 'node:assert/strict';
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {foldJournal} from '../../source/core/fold.js';
import type {DecideRecord} from '../../source/core/journal-record.js';
import {initialState} from '../../source/core/session-state.js';
import {builtinRoles} from '../../source/model/builtin.js';
import {learnerPath} from '../../source/model/learner-host.js';
import {openGuessSource} from '../../source/model/open-guess-source.js';
import {copySamples, removeFolder, samplesFolder} from '../helpers/dataset.js';
import {decideRecord} from '../helpers/journal-records.js';

const classes = ['photo', 'screenshot'];

async function truthRecords(count: number): Promise<DecideRecord[]> {
	const truth = JSON.parse(
		await readFile(path.join(samplesFolder, 'truth.json'), 'utf8'),
	) as Record<string, string>;
	const usable = Object.entries(truth).filter(([, label]) => classes.includes(label));
	// Alternate the classes, so the first labels hold both.
	const photos = usable.filter(([, label]) => label === 'photo');
	const shots = usable.filter(([, label]) => label === 'screenshot');
	const mixed = photos
		.flatMap((photo, index) => [photo, shots[index]])
		.filter((entry) => entry !== undefined);
	return mixed
		.slice(0, count)
		.map(([file, label], index) => decideRecord(index + 1, {path: file, label}));
}

test('builtin roles: two classes named like photo and screenshot, in either order', () => {
	assert.deepEqual(builtinRoles(['Screenshots', 'photos']), {
		photo: 'photos',
		screenshot: 'Screenshots',
	});
	assert.deepEqual(builtinRoles(['pic', 'ui']), {photo: 'pic', screenshot: 'ui'});
	assert.equal(builtinRoles(['cat', 'dog']), undefined);
	assert.equal(builtinRoles(['photo', 'screenshot', 'meme']), undefined);
});

test('--guess learn learns the decisions, takes over from the built-in guess, and persists', async (t) => {
	const dir = await copySamples();
	// Sources first: one still writing its caches into the folder makes its removal fail.
	const closeFirst: Array<() => Promise<void>> = [];
	t.after(async () => {
		for (const close of closeFirst) await close();
		await removeFolder(dir);
	});
	const labels = path.join(dir, '.labels');
	const records = await truthRecords(30);
	const {state} = foldJournal(initialState(classes), records);
	const opened = await openGuessSource({dir, labels, classes, mode: 'learn', workers: 2});
	const source = opened.source;
	assert.ok(source);
	const before = await source.guess('img_0044.png');
	assert.equal(
		before.status === 'ready' && before.guess.source,
		'builtin',
		'built-in before labels',
	);
	source.observe(state);
	await source.settle();
	assert.equal(source.summary(), 'learned from 30 labels');
	const after = await source.guess('img_0044.png');
	assert.ok(after.status === 'ready');
	assert.match(after.guess.source, /^(learned \(30\)|builtin)$/);
	assert.equal(after.guess.label, 'screenshot');
	await source.close();
	const saved = JSON.parse(await readFile(learnerPath(labels), 'utf8')) as Record<string, unknown>;
	assert.equal(saved['labels'], 30);
	assert.equal(saved['examples'], undefined, 'weights only: examples come back from the cache');

	// Reopened, the examples come back from the journal and the feature cache; an undo in the
	// journal removes its example.
	const reopened = (await openGuessSource({dir, labels, classes, mode: 'learn', workers: 1}))
		.source;
	assert.ok(reopened);
	closeFirst.push(async () => reopened.close());
	reopened.observe(state);
	await reopened.settle();
	assert.equal(reopened.summary(), 'learned from 30 labels');
	const last = records.at(-1);
	const undone = foldJournal(initialState(classes), [
		...records,
		{v: 1, seq: 99, time: 't', op: 'undo', path: last?.path ?? '', target: last?.seq ?? 0},
	]).state;
	reopened.observe(undone);
	await reopened.settle();
	assert.equal(reopened.summary(), 'learned from 29 labels');
});

test('--guess learn for classes without a built-in guess says it is learning', async (t) => {
	const dir = await copySamples();
	// Sources first: one still writing its caches into the folder makes its removal fail.
	const closeFirst: Array<() => Promise<void>> = [];
	t.after(async () => {
		for (const close of closeFirst) await close();
		await removeFolder(dir);
	});
	const opened = await openGuessSource({
		dir,
		labels: path.join(dir, '.labels'),
		classes: ['cat', 'dog'],
		workers: 1,
	});
	closeFirst.push(async () => opened.source?.close());
	const view = await opened.source?.guess('img_0001.jpg');
	assert.deepEqual(view, {status: 'none', reason: 'learning: label a few images first'});
});
