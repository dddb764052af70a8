import assert from 'node:assert/strict';
import test from 'node:test';
import {foldJournal} from '../../source/core/fold.js';
import {sessionReducer} from '../../source/core/session-reducer.js';
import {catalogCopies, initialState, type SessionState} from '../../source/core/session-state.js';
import {decodeState, type EncodedState, encodeState} from '../../source/core/state-codec.js';
import {collectGarbageIfOver} from '../../source/shared/heap-budget.js';
import {decideRecord} from '../helpers/journal-records.js';

/** One full collection: the heap holds more than 0 MiB, always. */
const collect = () => collectGarbageIfOver(0);
const count = 30_000;
const folder = 'a-long-folder-name-as-real-uploads-have/'.repeat(4);
const pathOf = (seq: number) => `${folder}item-${String(seq).padStart(6, '0')}.jpg`;

/** A resumed snapshot of `count` decisions: its catalog is empty until the walk refills it. */
function resumed(): SessionState {
	const records = Array.from({length: count}, (_, index) =>
		decideRecord(index + 1, {path: pathOf(index + 1)}),
	);
	const folded = foldJournal(initialState(['photo', 'screenshot']), records).state;
	return decodeState(JSON.parse(JSON.stringify(encodeState(folded))) as EncodedState);
}

/** Heap kept by the catalog of a walk's batch, its own path strings made fresh as a walk makes them. */
function heapKeptByWalk(state: SessionState): {state: SessionState; bytes: number} {
	collect();
	const before = process.memoryUsage().heapUsed;
	const batch = Array.from({length: count}, (_, index) => pathOf(index + 1));
	const next = sessionReducer(state, {type: 'items-found', paths: batch});
	batch.length = 0;
	collect();
	return {state: next, bytes: process.memoryUsage().heapUsed - before};
}

test("the walk's paths join a resumed catalog as the snapshot's strings, not a second copy", () => {
	const state = resumed();
	assert.ok(state.decisions.base && state.catalog.length === 0);
	const {state: found, bytes} = heapKeptByWalk(state);
	assert.equal(found.catalog.length, count);
	assert.equal(found.catalog.paths[123], pathOf(124));
	// Each path is ~190 bytes of string: a second copy of each would keep 5.7 MB more.
	const copies = count * pathOf(1).length;
	assert.ok(bytes < copies / 2, `the catalog kept ${bytes} bytes for ${copies} bytes of paths`);
});

test("a list of found paths kept beside the catalog (the team's pool) holds the catalog's strings", () => {
	const {state: found} = heapKeptByWalk(resumed());
	collect();
	const before = process.memoryUsage().heapUsed;
	const batch = Array.from({length: count}, (_, index) => pathOf(index + 1));
	batch.push('not/in/the/catalog.jpg');
	const kept = catalogCopies(found.catalog, batch);
	batch.length = 0;
	collect();
	const bytes = process.memoryUsage().heapUsed - before;
	assert.equal(kept.length, count + 1);
	assert.equal(kept[123], pathOf(124));
	assert.equal(kept.at(-1), 'not/in/the/catalog.jpg', 'a path the catalog lacks is kept as given');
	// The list itself is 8 bytes a path; copies of the strings would be ~190 more each.
	const copies = count * pathOf(1).length;
	assert.ok(bytes < copies / 2, `the list kept ${bytes} bytes for ${copies} bytes of paths`);
});
