import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import test from 'node:test';

const batchHeap = new URL('../../source/app/batch-heap.js', import.meta.url).href;

/**
A child holding ~40 MB of live objects while it makes objects that live long enough to reach the
old generation and then die (as a commit's per-file work does): its largest heap, in MiB.
*/
function peakHeapMib(batch: boolean): number {
	const program = `
		const {collectLikeABatch} = await import(${JSON.stringify(batchHeap)});
		if (${batch}) collectLikeABatch();
		const live = Array.from({length: 400_000}, (_, index) => ({index, name: 'item ' + index}));
		const ring = new Array(300_000);
		let peak = 0;
		for (let round = 0; round < 6_000_000; round++) {
			ring[round % ring.length] = {round, name: 'x' + round};
			if (round % 10_000 === 0) peak = Math.max(peak, process.memoryUsage().heapTotal);
		}
		process.stdout.write(String(peak / 1024 / 1024 + live.length * 0));`;
	const run = spawnSync(process.execPath, ['--input-type=module', '-e', program], {
		encoding: 'utf8',
	});
	assert.equal(run.status, 0, run.stderr);
	return Number(run.stdout);
}

test('a batch collects before the heap grows far past what is live', () => {
	const usual = peakHeapMib(false);
	const batch = peakHeapMib(true);
	// Measured on the 2-core box: ~275 MiB by V8's default, ~118 MiB as a batch.
	assert.ok(batch < usual * 0.6, `batch ${batch.toFixed(1)} MiB, default ${usual.toFixed(1)} MiB`);
});
