import assert from 'node:assert/strict';
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {openFilesLedger} from '../../../source/ledger/files/files-ledger.js';
import {openJournalWriter, readJournalFile} from '../../../source/ledger/files/journal-file.js';
import {decideRecord} from '../../helpers/journal-records.js';
import {makeTempDir} from '../../helpers/temp-dir.js';

test('appendMany lands a batch whole, in order, between single appends', async (t) => {
	const dir = await makeTempDir(t);
	const file = path.join(dir, 'ada.jsonl');
	const writer = await openJournalWriter(file);
	await writer.append(decideRecord(1));
	const batch = [2, 3, 4].map((seq) => decideRecord(seq));
	const many = writer.appendMany(batch);
	const after = writer.append(decideRecord(5));
	await Promise.all([many, after]);
	await writer.close();
	const journal = await readJournalFile(file);
	assert.deepEqual(
		journal.records.map((record) => record.seq),
		[1, 2, 3, 4, 5],
	);
	assert.equal((await readFile(file, 'utf8')).split('\n').length, 6);
});

test('the files ledger replays what appendMany wrote', async (t) => {
	const dir = await makeTempDir(t);
	const ledger = await openFilesLedger({dataset: dir, user: 'ada', mode: {kind: 'exclusive'}});
	await ledger.appendMany?.([decideRecord(1), decideRecord(2)]);
	const replay = await ledger.replay();
	await ledger.close();
	assert.deepEqual(
		replay.records.map((record) => record.seq),
		[1, 2],
	);
});
