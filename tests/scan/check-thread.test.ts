import assert from 'node:assert/strict';
import {stat, writeFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {pathToFileURL} from 'node:url';
import {maxInputPixels} from '../../source/image/index.js';
import {checkFile} from '../../source/scan/check.js';
import {CheckThread} from '../../source/scan/check-thread.js';
import {samplesFolder} from '../helpers/dataset.js';
import {makeTempDir} from '../helpers/temp-dir.js';

/** A good photo, a good screenshot (PNG) and the three broken uploads of truth.json. */
const names = ['img_0001.jpg', 'img_0041.png', 'img_0046.jpg', 'img_0047.jpg', 'img_0048.png'];

async function keyOf(file: string) {
	const found = await stat(file);
	return {size: found.size, mtimeMs: found.mtimeMs};
}

async function expectedFacts(name: string) {
	const file = path.join(samplesFolder, name);
	const key = await keyOf(file);
	return {file, key, facts: await checkFile(file, key, maxInputPixels)};
}

test('the check thread answers what checkFile answers, for good and broken files', async (t) => {
	const thread = new CheckThread();
	t.after(async () => thread.close());
	for (const name of names) {
		const {file, key, facts} = await expectedFacts(name);
		assert.deepEqual(await thread.check(file, key, maxInputPixels), facts, name);
	}

	assert.equal(thread.onCallingThread, false);
});

test('the facts come from the worker thread', async (t) => {
	const dir = await makeTempDir(t);
	const script = path.join(dir, 'stand-in-worker.mjs');
	await writeFile(
		script,
		`import {parentPort, threadId} from 'node:worker_threads';
parentPort.on('message', (job) => parentPort.postMessage({id: job.id, facts: {size: job.key.size, mtimeMs: threadId, reason: 'empty', detail: 'from the stand-in'}}));`,
	);
	const thread = new CheckThread(pathToFileURL(script));
	t.after(async () => thread.close());
	const facts = await thread.check('/nowhere.jpg', {size: 5, mtimeMs: 0}, maxInputPixels);
	assert.equal(facts.detail, 'from the stand-in');
	assert.notEqual(facts.mtimeMs, 0, 'a worker thread has a threadId above 0');
});

test('a worker that dies, or never starts, costs no check: the file is checked here', async (t) => {
	const dir = await makeTempDir(t);
	const dying = path.join(dir, 'dying-worker.mjs');
	await writeFile(
		dying,
		`import {parentPort} from 'node:worker_threads';
parentPort.on('message', () => process.exit(3));`,
	);
	for (const url of [pathToFileURL(dying), pathToFileURL(path.join(dir, 'missing.mjs'))]) {
		const thread = new CheckThread(url);
		t.after(async () => thread.close());
		for (const name of names) {
			const {file, key, facts} = await expectedFacts(name);
			assert.deepEqual(await thread.check(file, key, maxInputPixels), facts, `${url.href} ${name}`);
		}

		// Given up after two deaths, rather than starting a thread for every file.
		assert.equal(thread.onCallingThread, true);
	}
});

test('close lets the checks already sent finish', async () => {
	const thread = new CheckThread();
	// One at a time: libvips keeps one error buffer per process, so parallel failing decodes here
	// could garble the expected messages (see check.ts, checkWithRetry).
	const jobs: Array<Awaited<ReturnType<typeof expectedFacts>>> = [];
	for (const name of names) jobs.push(await expectedFacts(name));
	const answers = jobs.map(async ({file, key}) => thread.check(file, key, maxInputPixels));
	// A second close while the first waits (a quit during a commit's close) waits as long.
	await Promise.all([thread.close(), thread.close()]);
	assert.deepEqual(
		await Promise.all(answers),
		jobs.map(({facts}) => facts),
	);
	// Closed, it still answers, on this thread.
	const [first] = jobs;
	assert.ok(first);
	assert.deepEqual(await thread.check(first.file, first.key, maxInputPixels), first.facts);
});
