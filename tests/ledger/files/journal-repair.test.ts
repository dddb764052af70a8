import assert from 'node:assert/strict';
import {readdir, readFile, writeFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {serializeRecord} from '../../../source/core/journal-parse.js';
import {openJournalWriter, readJournalFile} from '../../../source/ledger/files/journal-file.js';
import {decideRecord} from '../../helpers/journal-records.js';
import {makeTempDir} from '../../helpers/temp-dir.js';

const intact = serializeRecord(decideRecord(1)) + serializeRecord(decideRecord(2));

test('a torn last line is copied aside and cut off, so new records start clean', async (t) => {
	const dir = await makeTempDir(t);
	const file = path.join(dir, 'ada.jsonl');
	const torn = '{"v":1,"seq":3,"time":"2026-11-25T10:0';
	await writeFile(file, intact + torn);
	assert.equal((await readJournalFile(file)).tornTail, true);

	const writer = await openJournalWriter(file);
	assert.equal(writer.tornTail?.bytes, torn.length);
	const savedTo = writer.tornTail?.savedTo ?? '';
	assert.match(path.basename(savedTo), /^ada\.jsonl\.torn-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z$/);
	assert.equal(await readFile(savedTo, 'utf8'), torn);
	assert.equal(await readFile(file, 'utf8'), intact);
	assert.equal(writer.bytes, Buffer.byteLength(intact));

	await writer.append(decideRecord(3));
	await writer.close();
	const journal = await readJournalFile(file);
	assert.deepEqual(
		journal.records.map((record) => record.seq),
		[1, 2, 3],
	);
	assert.deepEqual(journal.problems, []);
	assert.equal(journal.tornTail, false);
});

test('a journal that is one torn line is saved aside and emptied', async (t) => {
	const dir = await makeTempDir(t);
	const file = path.join(dir, 'ada.jsonl');
	await writeFile(file, '{"v":1,"se');
	const writer = await openJournalWriter(file);
	await writer.close();
	assert.equal(await readFile(file, 'utf8'), '');
	assert.equal(await readFile(writer.tornTail?.savedTo ?? '', 'utf8'), '{"v":1,"se');
});

test('a complete last record missing only its newline is kept and completed', async (t) => {
	const dir = await makeTempDir(t);
	const file = path.join(dir, 'ada.jsonl');
	const last = JSON.stringify(decideRecord(3));
	await writeFile(file, intact + last);
	const writer = await openJournalWriter(file);
	assert.equal(writer.tornTail, undefined);
	await writer.append(decideRecord(4));
	await writer.close();
	const journal = await readJournalFile(file);
	assert.deepEqual(
		journal.records.map((record) => record.seq),
		[1, 2, 3, 4],
	);
	assert.deepEqual(await readdir(dir), ['ada.jsonl']);
});

test('a clean journal is opened without any repair', async (t) => {
	const dir = await makeTempDir(t);
	const file = path.join(dir, 'ada.jsonl');
	await writeFile(file, intact);
	const writer = await openJournalWriter(file);
	await writer.close();
	assert.equal(writer.tornTail, undefined);
	assert.equal(await readFile(file, 'utf8'), intact);
	assert.deepEqual(await readdir(dir), ['ada.jsonl']);
});
