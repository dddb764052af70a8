import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import path from 'node:path';
import test from 'node:test';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {promisify} from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const budget = pathToFileURL(path.join(here, '../../source/shared/heap-budget.js')).href;
const workerPool = pathToFileURL(path.join(here, '../../source/model/worker-pool.js')).href;

/**
A run's shape: records that survive (one per "file") among much short-lived garbage. With
`workerFirst`, a feature worker starts (and answers a job) after the budget is set, as in `label`.
*/
const workload = (keepSmall: boolean, youngGenerationMiB = 0, workerFirst = false) => `
import v8 from 'node:v8';
import {keepHeapSmall} from ${JSON.stringify(budget)};
import {FeaturePool} from ${JSON.stringify(workerPool)};
if (${keepSmall}) keepHeapSmall(process.env, {youngGenerationMiB: ${youngGenerationMiB}});
const pool = new FeaturePool(1);
if (${workerFirst}) await pool.run('/no/such/image.jpg');
const kept = [];
let newSpace = 0;
for (let file = 0; file < 150000; file++) {
	kept.push({path: 'day/' + file + '.jpg', sha1: String(Math.random()).repeat(2), size: file});
	for (let garbage = 0; garbage < 10; garbage++) kept.length < 0 && kept.push({a: String(Math.random())});
	if (file % 1000 === 0) {
		const space = v8.getHeapSpaceStatistics().find((each) => each.space_name === 'new_space');
		newSpace = Math.max(newSpace, space?.space_size ?? 0);
		// A batch command awaits its I/O: the budget is checked as collections are reported.
		await new Promise((resolve) => setImmediate(resolve));
	}
}
await pool.close();
process.stdout.write(String(newSpace / 1048576));
`;

async function peakNewSpaceMiB(
	keepSmall: boolean,
	youngGenerationMiB = 0,
	workerFirst = false,
): Promise<number> {
	const {stdout} = await promisify(execFile)(process.execPath, [
		'--input-type=module',
		'-e',
		workload(keepSmall, youngGenerationMiB, workerFirst),
	]);
	return Number(stdout);
}

test('keepHeapSmall holds the young generation at its starting size through a long run', async () => {
	const grown = await peakNewSpaceMiB(false);
	const kept = await peakNewSpaceMiB(true);
	assert.ok(grown >= 8, `without it V8 grows the young generation (${grown} MiB)`);
	assert.ok(kept <= 4, `with it the young generation stays small (${kept} MiB)`);
});

test('the young generation stays held after a worker thread starts', async () => {
	// V8 sets the growth factor back to 2 for each isolate it makes, a worker's included.
	const kept = await peakNewSpaceMiB(true, 0, true);
	assert.ok(kept <= 4, `held with a feature worker running (${kept} MiB)`);
});

test('a young generation budget lets it grow that far and no further', async () => {
	const grown = await peakNewSpaceMiB(false);
	const budgeted = await peakNewSpaceMiB(true, 8);
	assert.ok(budgeted >= 8, `it grows up to the budget (${budgeted} MiB)`);
	assert.ok(budgeted < grown, `and stops there (${budgeted} MiB, ${grown} MiB without a budget)`);
});

type Collection = {held: number; after: number; underSize: boolean; overSize: boolean};

/** Runs `script` in a child (the flag a collection sets, --expose-gc, stays for its process). */
async function collectionInChild(script: string): Promise<Collection> {
	const {stdout} = await promisify(execFile)(process.execPath, [
		'--input-type=module',
		'-e',
		script,
	]);
	return JSON.parse(stdout) as Collection;
}

test('collectGarbageIfOver frees what nothing holds any more, at once, only past its size', async () => {
	const {held, after, underSize, overSize} = await collectionInChild(`
import v8 from 'node:v8';
import {collectGarbageIfOver} from ${JSON.stringify(budget)};
const used = () => v8.getHeapStatistics().used_heap_size / 1048576;
// A parsed snapshot's shape: long arrays, each in the large-object space.
let columns = Array.from({length: 40}, (_, index) => new Array(200_000).fill(index + 0.5));
const held = used();
columns = undefined;
const underSize = collectGarbageIfOver(held + 16);
const overSize = collectGarbageIfOver(16);
process.stdout.write(JSON.stringify({held, after: used(), underSize, overSize}));
`);
	assert.equal(underSize, false, 'a heap under the size is left alone');
	assert.equal(overSize, true);
	assert.ok(held - after > 40, `heap used ${held.toFixed(1)} MiB → ${after.toFixed(1)} MiB`);
});

test('collectGarbageIfExternalOver frees Buffers nothing holds, only past its size', async () => {
	const {held, after, underSize, overSize} = await collectionInChild(`
import v8 from 'node:v8';
import {collectGarbageIfExternalOver} from ${JSON.stringify(budget)};
const external = () => v8.getHeapStatistics().external_memory / 1048576;
// A check's leftovers: file bytes and decoded bands, outside the heap.
let buffers = Array.from({length: 12}, () => Buffer.alloc(4 * 1048576, 1));
const held = external();
buffers = undefined;
const underSize = collectGarbageIfExternalOver(held + 16);
const overSize = collectGarbageIfExternalOver(8);
// V8 frees the bytes of dead ArrayBuffers on a helper thread after the collection: wait for that.
const freed = () => external() < held - 40;
for (let turn = 0; turn < 1000 && !freed(); turn++) await new Promise((resolve) => setTimeout(resolve, 1));
process.stdout.write(JSON.stringify({held, after: external(), underSize, overSize}));
`);
	assert.equal(underSize, false, 'memory under the size is left alone');
	assert.equal(overSize, true);
	assert.ok(held - after > 40, `external ${held.toFixed(1)} MiB → ${after.toFixed(1)} MiB`);
});
