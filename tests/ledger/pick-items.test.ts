import assert from 'node:assert/strict';
import {mkdtemp} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import type {JournalRecord} from '../../source/core/journal-record.js';
import {openFilesLedger} from '../../source/ledger/files/files-ledger.js';
import {type PickInput, pickItems} from '../../source/ledger/pick-items.js';
import {removeFolder} from '../helpers/dataset.js';
import {decideRecord} from '../helpers/journal-records.js';

const pool = ['a', 'b', 'c', 'd', 'e', 'f'];

function input(overrides: Partial<PickInput>): PickInput {
	return {
		pool,
		from: 0,
		count: 10,
		user: 'ann',
		mode: {kind: 'exclusive'},
		isBroken: () => false,
		marked: () => false,
		seen: () => false,
		voters: () => [],
		holders: () => [],
		...overrides,
	};
}

test('the next pick starts after items settled or marked by this user, not at their first skip', () => {
	const voted = new Set(['a', 'c', 'd']);
	const skipped = new Set(['b']);
	const result = pickItems(
		input({
			voters: (item) => (voted.has(item) ? ['ann'] : []),
			marked: (item) => voted.has(item) || skipped.has(item),
			seen: (item) => voted.has(item) || skipped.has(item),
		}),
	);
	assert.deepEqual(result, {picked: ['e', 'f'], settledBefore: 4});
});

test('an item held by this user is passed over now, and is scanned again by the next pick', () => {
	const result = pickItems(input({seen: (item) => item === 'a'}));
	assert.deepEqual(result, {picked: ['b', 'c', 'd', 'e', 'f'], settledBefore: 0});
});

test('files: a skip taken back makes the item claimable again, though a pick had passed it', async (t) => {
	const dataset = await mkdtemp(path.join(os.tmpdir(), 'imgsift-pick-'));
	const ledger = await openFilesLedger({dataset, user: 'ann', mode: {kind: 'exclusive'}});
	t.after(async () => ledger.close());
	// After the close above: hooks run in order, and a writer still open fails the removal.
	t.after(async () => removeFolder(dataset));
	const items = [1, 2, 3].map((seq) => decideRecord(seq).path);
	await ledger.offer(items);
	assert.deepEqual(await ledger.claim(3), items);
	const [first = ''] = items;
	const skip: JournalRecord = {
		...{v: 1, seq: 1, time: '2026-11-25T10:00:00.000Z'},
		...{op: 'skip', path: first, size: 1, mtimeMs: 1, ms: 5},
	};
	await ledger.append(skip);
	await ledger.release(items);
	// The skip is a mark: this pick passes the item for good, and takes the other two.
	assert.deepEqual(await ledger.claim(3), items.slice(1));
	await ledger.release(items);
	const undo: JournalRecord = {
		...{v: 1, seq: 2, time: '2026-11-25T10:00:01.000Z'},
		...{op: 'undo', path: first, target: 1},
	};
	await ledger.append(undo);
	assert.deepEqual(await ledger.claim(3), items, 'the item is open to its user again');
});
