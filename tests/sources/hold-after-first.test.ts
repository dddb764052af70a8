import assert from 'node:assert/strict';
import test from 'node:test';
import {holdAfterFirst} from '../../source/sources/hold-after-first.js';

async function* three() {
	yield 'first';
	yield 'second';
	yield 'third';
}

test('the second batch waits for the first image, then the rest flow', async () => {
	let paint: () => void = () => undefined;
	const painted = new Promise<void>((resolve) => {
		paint = resolve;
	});
	const held = holdAfterFirst(three(), painted, 60_000);
	assert.deepEqual(await held.next(), {value: 'first', done: false});
	const second = held.next();
	const early = await Promise.race([second.then(() => 'passed'), setImmediateTurns(5)]);
	assert.equal(early, 'held', 'the second batch did not wait');
	paint();
	assert.deepEqual(await second, {value: 'second', done: false});
	assert.deepEqual(await held.next(), {value: 'third', done: false});
	assert.equal((await held.next()).done, true);
});

test('a first image that never paints holds the scan only for the longest hold', async (t) => {
	t.mock.timers.enable({apis: ['setTimeout']});
	t.after(() => t.mock.timers.reset());
	const held = holdAfterFirst(three(), new Promise(() => undefined), 250);
	await held.next();
	const second = held.next();
	assert.equal(await Promise.race([second.then(() => 'passed'), setImmediateTurns(5)]), 'held');
	t.mock.timers.tick(250);
	assert.deepEqual(await second, {value: 'second', done: false});
});

test('a failed first image releases the scan too, and no hold without one', async () => {
	const failed = holdAfterFirst(three(), Promise.reject(new Error('broken')), 60_000);
	const seen: string[] = [];
	for await (const batch of failed) seen.push(batch);
	assert.deepEqual(seen, ['first', 'second', 'third']);
	const plain: string[] = [];
	for await (const batch of holdAfterFirst(three(), undefined, 60_000)) plain.push(batch);
	assert.deepEqual(plain, ['first', 'second', 'third']);
});

/** Resolves 'held' after a few turns of the event loop (no clock involved). */
async function setImmediateTurns(turns: number): Promise<'held'> {
	for (let turn = 0; turn < turns; turn++) {
		await new Promise((resolve) => {
			setImmediate(resolve);
		});
	}

	return 'held';
}
