import assert from 'node:assert/strict';
import {readFile, stat, writeFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {serializeRecord} from '../../../source/core/journal-parse.js';
import {openJournalWriter, readJournalFile} from '../../../source/ledger/files/journal-file.js';
import {decideRecord} from '../../helpers/journal-records.js';
import {makeTempDir} from '../../helpers/temp-dir.js';

test('a missing journal reads as empty', async (t) => {
	const dir = await makeTempDir(t);
	assert.deepEqual(await readJournalFile(path.join(dir, 'none.jsonl')), {
		records: [],
		problems: [],
		tornTail: false,
		bytes: 0,
	});
});

test('opening creates the journal folder and file; appends read back', async (t) => {
	const dir = await makeTempDir(t);
	const file = path.join(dir, '.labels', 'journal', 'ada.jsonl');
	const writer = await openJournalWriter(file);
	await writer.append(decideRecord(1));
	await writer.append(decideRecord(2));
	await writer.close();
	const journal = await readJournalFile(file);
	assert.deepEqual(journal.records, [decideRecord(1), decideRecord(2)]);
	assert.equal(journal.bytes, (await stat(file)).size);
	assert.equal(writer.bytes, journal.bytes);
});

test('many concurrent appends land whole and in call order', async (t) => {
	const dir = await makeTempDir(t);
	const file = path.join(dir, 'ada.jsonl');
	const writer = await openJournalWriter(file);
	const records = Array.from({length: 300}, (_, index) => decideRecord(index + 1));
	await Promise.all(records.map((record) => writer.append(record)));
	await writer.close();
	const journal = await readJournalFile(file);
	assert.deepEqual(journal.problems, []);
	assert.deepEqual(
		journal.records.map((record) => record.seq),
		records.map((record) => record.seq),
	);
});

test('appending to a 100k-line journal adds exactly the new bytes and leaves the rest untouched', async (t) => {
	const dir = await makeTempDir(t);
	const file = path.join(dir, 'big.jsonl');
	const lines: string[] = [];
	for (let seq = 1; seq <= 100_000; seq++) {
		lines.push(serializeRecord(decideRecord(seq)));
	}

	const original = Buffer.from(lines.join(''));
	await writeFile(file, original);

	const writer = await openJournalWriter(file);
	assert.equal(writer.bytes, original.length);
	const added = Array.from({length: 10}, (_, index) => decideRecord(100_001 + index));
	for (const record of added) {
		await writer.append(record);
	}

	await writer.close();
	const after = await readFile(file);
	const addedBytes = Buffer.from(added.map((record) => serializeRecord(record)).join(''));
	assert.equal(after.length, original.length + addedBytes.length);
	assert.ok(after.subarray(0, original.length).equals(original));
	assert.ok(after.subarray(original.length).equals(addedBytes));
});

test('a corrupt line in the middle is reported with its line number, the rest still read', async (t) => {
	const dir = await makeTempDir(t);
	const file = path.join(dir, 'ada.jsonl');
	await writeFile(
		file,
		`${serializeRecord(decideRecord(1))}{"v":1,"seq":2,oops\n${serializeRecord(decideRecord(3))}`,
	);
	const journal = await readJournalFile(file);
	assert.deepEqual(
		journal.records.map((record) => record.seq),
		[1, 3],
	);
	assert.deepEqual(journal.problems, [{line: 2, reason: 'not valid JSON'}]);
	assert.equal(journal.tornTail, false);
});

test('records are fsynced automatically within a second of an append', async (t) => {
	const dir = await makeTempDir(t);
	t.mock.timers.enable({apis: ['setTimeout']});
	const writer = await openJournalWriter(path.join(dir, 'ada.jsonl'));
	t.after(() => writer.close());
	await writer.append(decideRecord(1));
	assert.equal(writer.syncedBytes, 0);
	assert.ok(writer.bytes > 0);

	t.mock.timers.tick(999);
	await new Promise((resolve) => setImmediate(resolve));
	assert.equal(writer.syncedBytes, 0);

	t.mock.timers.tick(1);
	const deadline = Date.now() + 5000;
	while (writer.syncedBytes !== writer.bytes && Date.now() < deadline) {
		await new Promise((resolve) => setImmediate(resolve));
	}

	assert.equal(writer.syncedBytes, writer.bytes);
});

test('sync and close flush everything; a closed writer refuses appends', async (t) => {
	const dir = await makeTempDir(t);
	const writer = await openJournalWriter(path.join(dir, 'ada.jsonl'));
	await writer.append(decideRecord(1));
	await writer.sync();
	assert.equal(writer.syncedBytes, writer.bytes);
	await writer.append(decideRecord(2));
	await writer.close();
	assert.equal(writer.syncedBytes, writer.bytes);
	await writer.close();
	await assert.rejects(writer.append(decideRecord(3)), /was already closed/);
});

test('an append never waits for the automatic fsync, nor for a turn of the event loop', async (t) => {
	const dir = await makeTempDir(t);
	t.mock.timers.enable({apis: ['setTimeout']});
	const writer = await openJournalWriter(path.join(dir, 'ada.jsonl'));
	t.after(() => writer.close());
	await writer.append(decideRecord(1));
	const first = writer.bytes;
	// The automatic fsync starts now; its reply needs a turn of the event loop.
	t.mock.timers.tick(1000);
	let turned = false;
	setImmediate(() => {
		turned = true;
	});
	await writer.append(decideRecord(2));
	assert.equal(turned, false, 'the append waited for a turn of the event loop');
	assert.equal(writer.syncedBytes, 0, 'the append waited for the fsync');
	assert.ok(writer.bytes > first);
	assert.equal((await readJournalFile(writer.path)).records.length, 2);
	// A later sync (as a flush does) still covers both.
	await writer.sync();
	assert.equal(writer.syncedBytes, writer.bytes);
});
