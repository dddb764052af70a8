import assert from 'node:assert/strict';
import test from 'node:test';
import {initialState} from '../../source/core/session-state.js';
import {createNearJudge} from '../../source/scan/near-judge.js';
import {HygieneLink} from '../../source/session/hygiene-link.js';
import {createSessionStore} from '../../source/session/session-store.js';

test('while the scan runs the checks follow only the screen; the sweep starts when it ends', async () => {
	const store = createSessionStore(initialState(['photo', 'screenshot']), {
		append: async () => undefined,
	});
	const calls: Array<{priority: readonly string[]; sweep: number}> = [];
	const link = new HygieneLink({
		store,
		ahead: 2,
		judge: createNearJudge('/nonexistent-imgsift-dir'),
	});
	link.attach({
		follow(priority, catalog) {
			calls.push({priority: [...priority], sweep: catalog.length});
		},
		close: async () => undefined,
	});
	store.subscribe((state) => link.follow(state));
	const paths = Array.from({length: 50}, (_, index) => `day/${String(index).padStart(3, '0')}.jpg`);
	await store.apply({type: 'items-found', paths});
	assert.deepStrictEqual(calls.at(-1), {
		priority: ['day/000.jpg', 'day/001.jpg', 'day/002.jpg'],
		sweep: 0,
	});
	await store.apply({type: 'scan-finished'});
	assert.equal(calls.at(-1)?.sweep, 50, 'the whole catalog is swept once the scan is done');
	await link.close();
});

test('in guess order (no scan-finished until the end), the sweep starts when the walk ends', async () => {
	const store = createSessionStore(initialState(['photo']), {append: async () => undefined});
	const sweeps: number[] = [];
	const link = new HygieneLink({store, judge: createNearJudge('/nonexistent-imgsift-dir')});
	link.attach({
		follow(_priority, catalog) {
			sweeps.push(catalog.length);
		},
		close: async () => undefined,
	});
	store.subscribe((state) => link.follow(state));
	await store.apply({type: 'items-found', paths: ['a.jpg', 'b.jpg']});
	assert.equal(sweeps.at(-1), 0);
	link.walkEnded();
	assert.equal(sweeps.at(-1), 2);
	assert.equal(store.getState().scanDone, false);
	await link.close();
});
