import assert from 'node:assert/strict';
import test from 'node:test';
import {createGate, forEachConcurrently} from '../../source/shared/pool.js';

async function* count(to: number, log?: number[]): AsyncGenerator<number> {
	for (let value = 0; value < to; value++) {
		log?.push(value);
		yield value;
	}
}

/** A promise with its resolve handle, to hold a task open until the test lets it go. */
function hold(): {promise: Promise<void>; open: () => void} {
	let open: () => void = () => undefined;
	const promise = new Promise<void>((resolve) => {
		open = resolve;
	});
	return {promise, open};
}

test('runs every item, never more than the limit at once', async () => {
	let running = 0;
	let peak = 0;
	const done: number[] = [];
	await forEachConcurrently(count(20), 3, async (value) => {
		running++;
		peak = Math.max(peak, running);
		await new Promise((resolve) => setImmediate(resolve));
		running--;
		done.push(value);
	});
	assert.equal(peak, 3);
	assert.deepEqual(
		done.sort((left, right) => left - right),
		Array.from({length: 20}, (_, index) => index),
	);
});

test('pulls items only as workers free up', async () => {
	const pulled: number[] = [];
	const held = hold();
	const run = forEachConcurrently(count(100, pulled), 2, () => held.promise);
	await new Promise((resolve) => setImmediate(resolve));
	assert.deepEqual(pulled, [0, 1]);
	held.open();
	await run;
	assert.equal(pulled.length, 100);
});

test('an abort stops taking items and waits for the ones in flight', async () => {
	const controller = new AbortController();
	const finished: number[] = [];
	await forEachConcurrently(
		count(1000),
		2,
		async (value) => {
			if (value === 5) {
				controller.abort();
			}

			await new Promise((resolve) => setImmediate(resolve));
			finished.push(value);
		},
		controller.signal,
	);
	assert.ok(finished.includes(5), 'the item that aborted still finished');
	assert.ok(finished.length <= 7, `took ${finished.length} items`);
});

test('the first error stops the pool and is rethrown; a failing source is rethrown too', async () => {
	const seen: number[] = [];
	await assert.rejects(
		forEachConcurrently(count(50), 2, async (value) => {
			seen.push(value);
			if (value === 3) {
				throw new Error('bad item 3');
			}

			await new Promise((resolve) => setImmediate(resolve));
		}),
		/bad item 3/,
	);
	assert.ok(seen.length < 10);

	async function* broken(): AsyncGenerator<number> {
		yield 1;
		throw new Error('folder vanished');
	}

	await assert.rejects(
		forEachConcurrently(broken(), 2, async () => undefined),
		/folder vanished/,
	);
	await assert.rejects(
		forEachConcurrently(count(1), 0, async () => undefined),
		/at least 1/,
	);
});

test('the gate lets at most N shared tasks run and hands slots over in order', async () => {
	const gate = createGate(2);
	const gates = [hold(), hold(), hold(), hold()];
	const started: number[] = [];
	const runs = gates.map((held, index) =>
		gate.shared(async () => {
			started.push(index);
			await held.promise;
			return index;
		}),
	);
	await new Promise((resolve) => setImmediate(resolve));
	assert.deepEqual(started, [0, 1]);
	gates[1]?.open();
	await runs[1];
	await new Promise((resolve) => setImmediate(resolve));
	assert.deepEqual(started, [0, 1, 2]);
	for (const held of gates) {
		held.open();
	}

	assert.deepEqual(await Promise.all(runs), [0, 1, 2, 3]);
	assert.throws(() => createGate(0), /at least 1/);
});

test('an exclusive task waits for shared ones, runs alone, and holds back later shared ones', async () => {
	const gate = createGate(3);
	const log: string[] = [];
	let running = 0;
	const task = (name: string) => async () => {
		running++;
		log.push(`${name} starts with ${running} running`);
		await new Promise((resolve) => setImmediate(resolve));
		running--;
	};
	await Promise.all([
		gate.shared(task('a')),
		gate.shared(task('b')),
		gate.exclusive(task('alone')),
		gate.shared(task('c')),
	]);
	assert.deepEqual(log, [
		'a starts with 1 running',
		'b starts with 2 running',
		'alone starts with 1 running',
		'c starts with 1 running',
	]);
});
