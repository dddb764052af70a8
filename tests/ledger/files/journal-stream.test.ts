import assert from 'node:assert/strict';
import {writeFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {serializeRecord} from '../../../source/core/journal-parse.js';
import type {JournalRecord} from '../../../source/core/journal-record.js';
import {readJournalFile} from '../../../source/ledger/files/journal-file.js';
import {eachJournalRecord} from '../../../source/ledger/files/journal-stream.js';
import {decideRecord} from '../../helpers/journal-records.js';
import {makeTempDir} from '../../helpers/temp-dir.js';

const streamed = async (file: string) => {
	const records: JournalRecord[] = [];
	await eachJournalRecord(file, (record) => records.push(record));
	return records;
};

test('a missing journal streams no records', async (t) => {
	const dir = await makeTempDir(t);
	assert.deepEqual(await streamed(path.join(dir, 'none.jsonl')), []);
});

test('streaming a journal of several chunks gives the records reading it whole gives', async (t) => {
	const dir = await makeTempDir(t);
	const file = path.join(dir, 'ada.jsonl');
	const lines = Array.from({length: 12_000}, (_, index) =>
		serializeRecord(decideRecord(index + 1)),
	);
	// A bad line, a non-UTF-8 line and a torn last line, as readJournalFile meets them.
	lines.splice(5000, 0, 'not json\n');
	const bytes = Buffer.concat([
		Buffer.from(lines.slice(0, 7000).join('')),
		Buffer.from([0xff, 0xfe, 0x0a]),
		Buffer.from(lines.slice(7000).join('')),
		Buffer.from('{"v":1,"seq":99999,"op":"dec'),
	]);
	assert.ok(bytes.length > 2 * 1024 * 1024, 'the journal spans several read chunks');
	await writeFile(file, bytes);
	const whole = await readJournalFile(file);
	assert.equal(whole.records.length, 12_000);
	assert.deepEqual(await streamed(file), whole.records);
});
