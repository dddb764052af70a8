import assert from 'node:assert/strict';
import path from 'node:path';
import test from 'node:test';
import {ImageError} from '../../source/image/index.js';
import {blocksRenderer} from '../../source/render/blocks-renderer.js';
import {createFrameLoader} from '../../source/render/load-frame.js';
import {createFrameCache} from '../../source/render/prefetch.js';
import type {CellBox, RenderedFrame} from '../../source/render/types.js';
import {samplesFolder} from '../helpers/dataset.js';
import {waitUntil} from '../helpers/ink-wait.js';

const box: CellBox = {columns: 80, rows: 40};

/** A loader whose loads finish when the test says so, recording every call. */
function controlledLoader() {
	const calls: string[] = [];
	const pending = new Map<
		string,
		{resolve: (frame: RenderedFrame) => void; reject: (error: Error) => void}
	>();
	const load = (file: string, cells: CellBox) => {
		calls.push(`${file}@${cells.columns}x${cells.rows}`);
		return new Promise<RenderedFrame>((resolve, reject) => pending.set(file, {resolve, reject}));
	};
	const frameFor = (file: string): RenderedFrame => ({
		columns: 1,
		rows: 1,
		lines: [file],
		bytes: file.length,
	});
	return {
		calls,
		load,
		inFlight: () => [...pending.keys()],
		finish(file: string) {
			pending.get(file)?.resolve(frameFor(file));
			pending.delete(file);
		},
		fail(file: string, error: Error) {
			pending.get(file)?.reject(error);
			pending.delete(file);
		},
	};
}

test('concurrent gets of one frame share a single load', async () => {
	const loader = controlledLoader();
	const cache = createFrameCache({load: loader.load, ahead: 3, max: 10});
	const first = cache.get('a.jpg', box);
	const second = cache.get('a.jpg', box);
	await waitUntil('the load to start', () => loader.calls.length === 1);
	loader.finish('a.jpg');
	assert.equal(await first, await second);
	assert.equal((await cache.get('a.jpg', box)).lines[0], 'a.jpg');
	assert.deepEqual(loader.calls, ['a.jpg@80x40']);
	assert.equal(cache.peek('a.jpg', box)?.lines[0], 'a.jpg');
	assert.equal(cache.peek('b.jpg', box), undefined);
});

test('prefetch loads only the next `ahead`, at most two at a time', async () => {
	const loader = controlledLoader();
	const cache = createFrameCache({load: loader.load, ahead: 3, max: 10});
	cache.prefetch(['1', '2', '3', '4', '5'], box);
	await waitUntil('two loads to start', () => loader.inFlight().length === 2);
	assert.deepEqual(loader.inFlight(), ['1', '2']);
	loader.finish('1');
	await waitUntil('the third to start', () => loader.inFlight().includes('3'));
	loader.finish('2');
	loader.finish('3');
	await waitUntil('all three to be cached', () => cache.size === 3);
	assert.deepEqual(loader.calls, ['1@80x40', '2@80x40', '3@80x40']);
	assert.equal(cache.peek('4', box), undefined);
});

test('a get for the current image starts at once even when prefetch is busy', async () => {
	const loader = controlledLoader();
	const cache = createFrameCache({load: loader.load, ahead: 5, max: 10});
	cache.prefetch(['1', '2', '3'], box);
	const current = cache.get('now', box);
	await waitUntil('the current image to load', () => loader.inFlight().includes('now'));
	loader.finish('now');
	assert.equal((await current).lines[0], 'now');
});

test('the least recently used frames are evicted beyond max', async () => {
	const loader = controlledLoader();
	const cache = createFrameCache({load: loader.load, ahead: 1, max: 2});
	for (const file of ['a', 'b', 'c']) {
		const frame = cache.get(file, box);
		await waitUntil(`${file} to start`, () => loader.inFlight().includes(file));
		loader.finish(file);
		await frame;
		if (file === 'b') cache.peek('a', box); // 'a' is used again, so 'b' is now the oldest
	}
	assert.equal(cache.size, 2);
	assert.ok(cache.peek('a', box));
	assert.equal(cache.peek('b', box), undefined);
	assert.ok(cache.peek('c', box));
});

test('a failure is cached: it rejects again without loading again', async () => {
	const loader = controlledLoader();
	const cache = createFrameCache({load: loader.load, ahead: 2, max: 10});
	cache.prefetch(['broken.jpg'], box);
	await waitUntil('the load to start', () => loader.inFlight().length === 1);
	const failure = new Error('truncated');
	loader.fail('broken.jpg', failure);
	await waitUntil('the failure to be cached', () => cache.peekError('broken.jpg', box) === failure);
	await assert.rejects(cache.get('broken.jpg', box), (error) => error === failure);
	cache.prefetch(['broken.jpg'], box);
	assert.deepEqual(loader.calls, ['broken.jpg@80x40']);
	assert.equal(cache.peek('broken.jpg', box), undefined);
});

test('a new box size drops the old frames; a load for the old size is not kept', async () => {
	const loader = controlledLoader();
	const cache = createFrameCache({load: loader.load, ahead: 2, max: 10});
	const small = {columns: 40, rows: 20};
	const first = cache.get('a', box);
	await waitUntil('a to start', () => loader.inFlight().includes('a'));
	loader.finish('a');
	await first;
	const late = cache.get('late', box);
	await waitUntil('late to start', () => loader.inFlight().includes('late'));

	cache.prefetch(['a'], small);
	assert.equal(cache.peek('a', box), undefined);
	await waitUntil('a to reload at the new size', () => loader.calls.includes('a@40x20'));
	loader.finish('late');
	assert.equal((await late).lines[0], 'late', 'the caller of the old size still gets its frame');
	assert.equal(cache.peek('late', small), undefined);
	loader.finish('a');
	await waitUntil('a to be cached at the new size', () => cache.peek('a', small) !== undefined);
	assert.equal(cache.size, 1);
});

test('with the real loader: samples become frames, a broken sample fails once as ImageError', async () => {
	const cache = createFrameCache({
		load: createFrameLoader(blocksRenderer('256')),
		ahead: 2,
		max: 8,
	});
	const photo = path.join(samplesFolder, 'img_0001.jpg');
	const broken = path.join(samplesFolder, 'img_0046.jpg');
	cache.prefetch([photo, broken], box);
	const frame = await cache.get(photo, box);
	assert.equal(frame.columns, 80);
	assert.equal(frame.rows, 40);
	await assert.rejects(
		cache.get(broken, box),
		(error) => error instanceof ImageError && error.reason === 'truncated',
	);
	assert.ok(cache.peekError(broken, box) instanceof ImageError);
});

test('forget drops a frame, and a load started before it never stores the old file', async () => {
	const resolvers: Array<() => void> = [];
	const load = async (file: string): Promise<RenderedFrame> => {
		const version = resolvers.length + 1;
		await new Promise<void>((resolve) => resolvers.push(resolve));
		return {columns: 1, rows: 1, lines: [`${file} v${version}`], bytes: 1};
	};
	const cache = createFrameCache({load, ahead: 2, max: 10});
	const first = cache.get('a.jpg', box);
	await waitUntil('the first load', () => resolvers.length === 1);
	resolvers[0]?.();
	assert.equal((await first).lines[0], 'a.jpg v1');
	cache.forget('a.jpg');
	assert.equal(cache.peek('a.jpg', box), undefined, 'the old frame is gone');

	// A load running when the file changes is left to its caller; a new get loads afresh.
	const stale = cache.get('a.jpg', box);
	await waitUntil('the second load', () => resolvers.length === 2);
	cache.forget('a.jpg');
	const fresh = cache.get('a.jpg', box);
	await waitUntil('the third load', () => resolvers.length === 3);
	resolvers[2]?.();
	assert.equal((await fresh).lines[0], 'a.jpg v3');
	resolvers[1]?.();
	assert.equal((await stale).lines[0], 'a.jpg v2');
	assert.equal(cache.peek('a.jpg', box)?.lines[0], 'a.jpg v3', 'the older load did not overwrite');
});
