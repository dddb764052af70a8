import assert from 'node:assert/strict';
import test from 'node:test';
import {
	beginEdit,
	deleteEntry,
	emptyMap,
	entries,
	forEachEntry,
	forEachKey,
	getEntry,
	hasEntry,
	type MapBase,
	mapOnBase,
	type PersistentMap,
	sealMap,
	setEntry,
} from '../../source/core/persistent-map.js';
import {diffMaps} from '../../source/model/map-diff.js';

type Value = {readonly n: number};

/** A base that makes a new object on every read, as the snapshot's decision table does. */
function baseOf(pairs: ReadonlyArray<readonly [string, number]>): MapBase<Value> & {made: number} {
	const values = new Map(pairs);
	const base = {
		made: 0,
		size: values.size,
		get: (key: string) => {
			const n = values.get(key);
			if (n === undefined) return undefined;
			base.made++;
			return {n};
		},
		has: (key: string) => values.has(key),
		forEach(each: (value: Value, key: string) => void, skip: (key: string) => boolean) {
			for (const [key, n] of values) if (!skip(key)) each(base.get(key) ?? {n}, key);
		},
		keyOf: (key: string) => (values.has(key) ? key : undefined),
		forEachKey(each: (key: string) => void, skip: (key: string) => boolean) {
			for (const key of values.keys()) if (!skip(key)) each(key);
		},
		*entries(skip: (key: string) => boolean): Generator<[string, Value]> {
			for (const [key, n] of values) if (!skip(key)) yield [key, {n}];
		},
	};
	return base;
}

function random(seed: number) {
	let state = seed;
	return (below: number) => {
		state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
		return (state >>> 8) % below;
	};
}

const contents = (map: PersistentMap<Value>) =>
	new Map([...entries(map)].map(([key, value]) => [key, value.n]));

test('a map on a base behaves as the same entries in a plain map, through sets, deletes and batches', () => {
	for (let seed = 1; seed <= 30; seed++) {
		const next = random(seed);
		const start = Array.from({length: 60}, (_, index) => [`k${index}`, index] as const);
		let layered = mapOnBase(baseOf(start));
		let plain = emptyMap<Value>();
		for (const [key, n] of start) plain = setEntry(plain, key, {n});
		for (let step = 0; step < 400; step++) {
			const key = `k${next(90)}`;
			const edit = next(4) === 0 ? beginEdit() : undefined;
			if (next(3) === 0) {
				layered = sealMap(deleteEntry(layered, key, edit));
				plain = deleteEntry(plain, key);
			} else {
				const n = 1000 + next(1000);
				layered = sealMap(setEntry(layered, key, {n}, edit));
				plain = setEntry(plain, key, {n});
			}

			assert.equal(layered.size, plain.size, `seed ${seed} step ${step}`);
			assert.equal(hasEntry(layered, key), hasEntry(plain, key));
			assert.deepEqual(getEntry(layered, key), getEntry(plain, key));
		}

		assert.deepStrictEqual(contents(layered), contents(plain), `seed ${seed}`);
		const visited: string[] = [];
		forEachEntry(layered, (_value, key) => visited.push(key));
		assert.deepStrictEqual(
			visited,
			[...entries(layered)].map(([key]) => key),
		);
		assert.equal(visited.length, layered.size);
		const keys: string[] = [];
		forEachKey(layered, (key) => keys.push(key));
		assert.deepStrictEqual(keys, visited);
	}
});

test('a base entry is made only when read: a set or a delete does not decode it', () => {
	const base = baseOf([
		['a', 1],
		['b', 2],
	]);
	let map = mapOnBase(base);
	map = setEntry(map, 'a', {n: 10});
	map = deleteEntry(map, 'b');
	map = setEntry(map, 'c', {n: 3});
	forEachKey(map, () => undefined);
	assert.equal(base.made, 0);
	assert.deepStrictEqual(
		contents(map),
		new Map([
			['a', 10],
			['c', 3],
		]),
	);
	assert.equal(hasEntry(map, 'b'), false);
	assert.equal(map.size, 2);
	map = setEntry(map, 'b', {n: 20});
	assert.equal(getEntry(map, 'b')?.n, 20);
	assert.equal(map.size, 3);
});

test('diffMaps between versions on one base visits exactly the keys whose values changed', () => {
	for (let seed = 1; seed <= 30; seed++) {
		const next = random(seed);
		const start = Array.from({length: 40}, (_, index) => [`k${index}`, index] as const);
		const first = mapOnBase(baseOf(start));
		let before = first;
		for (let round = 0; round < 20; round++) {
			let after = before;
			for (let step = 0; step < 1 + next(6); step++) {
				const key = `k${next(60)}`;
				after = next(2) === 0 ? deleteEntry(after, key) : setEntry(after, key, {n: 500 + next(50)});
			}

			const expected = new Map<string, [number | undefined, number | undefined]>();
			const old = contents(before);
			const current = contents(after);
			for (const key of new Set([...old.keys(), ...current.keys()])) {
				if (old.get(key) !== current.get(key)) expected.set(key, [old.get(key), current.get(key)]);
			}

			const seen = new Map<string, [number | undefined, number | undefined]>();
			diffMaps(before, after, (key, was, now) => {
				assert.ok(!seen.has(key), `${key} visited once`);
				if (was?.n !== now?.n) seen.set(key, [was?.n, now?.n]);
			});
			assert.deepStrictEqual(seen, expected, `seed ${seed} round ${round}`);
			before = after;
		}

		const fromEmpty: string[] = [];
		diffMaps(emptyMap(), before, (key, was) => {
			assert.equal(was, undefined);
			fromEmpty.push(key);
		});
		assert.equal(fromEmpty.length, before.size);
	}
});
