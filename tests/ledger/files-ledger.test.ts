import assert from 'node:assert/strict';
import {mkdtemp, readFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import {openFilesLedger} from '../../source/ledger/files/files-ledger.js';
import {isUserError} from '../../source/shared/user-error.js';
import {removeFolder} from '../helpers/dataset.js';
import {decideRecord} from '../helpers/journal-records.js';
import {ledgerContract} from './contract.js';

const made: string[] = [];
let dataset = '';
test.after(async () => {
	await Promise.all(made.map(removeFolder));
});

ledgerContract('files', {
	async reset() {
		dataset = await mkdtemp(path.join(os.tmpdir(), 'imgsift-ledger-'));
		made.push(dataset);
	},
	open: async (options) => openFilesLedger({...options, dataset}),
	target: () => ({dataset}),
});

test('files: records land as JSON lines in the user journal', async () => {
	dataset = await mkdtemp(path.join(os.tmpdir(), 'imgsift-ledger-'));
	made.push(dataset);
	const ledger = await openFilesLedger({dataset, user: 'ann', mode: {kind: 'exclusive'}});
	await ledger.append(decideRecord(1));
	await ledger.close();
	const text = await readFile(path.join(dataset, '.labels', 'journal', 'ann.jsonl'), 'utf8');
	assert.deepEqual(JSON.parse(text.trim()), decideRecord(1));
	assert.equal(ledger.where, path.join(dataset, '.labels', 'journal', 'ann.jsonl'));
});

test('files: a second session of the same user is refused with a message naming the holder and the lock', async () => {
	dataset = await mkdtemp(path.join(os.tmpdir(), 'imgsift-ledger-'));
	made.push(dataset);
	const first = await openFilesLedger({dataset, user: 'ann', mode: {kind: 'exclusive'}});
	const other = await openFilesLedger({dataset, user: 'bea', mode: {kind: 'exclusive'}});
	try {
		await assert.rejects(
			openFilesLedger({dataset, user: 'ann', mode: {kind: 'exclusive'}}),
			(error: unknown) =>
				isUserError(error) &&
				/\(as user ann\) is being labeled by pid \d+/.test(error.message) &&
				error.message.includes(path.join(dataset, '.labels', 'users', 'ann.lock')),
		);
	} finally {
		await first.close();
		await other.close();
	}
});
