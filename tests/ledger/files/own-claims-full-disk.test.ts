import assert from 'node:assert/strict';
import {mkdir, readFile, rm} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {createClaimBoard, parseClaimLine} from '../../../source/ledger/files/claim-board.js';
import {openOwnClaims} from '../../../source/ledger/files/own-claims.js';
import {fillDisk, smallDisk} from '../../helpers/small-disk.js';

test('a full disk mid-line: the claim fails with a clear message and the log keeps only whole lines', async (t) => {
	const disk = await smallDisk(t, '1m');
	if (typeof disk !== 'string') {
		t.skip(disk.reason);
		return;
	}

	const folder = path.join(disk, 'claims');
	await mkdir(folder);
	const file = path.join(folder, 'ann.jsonl');
	const own = await openOwnClaims({
		file,
		self: 'ann',
		board: createClaimBoard(),
		leaseMs: 60_000,
		shared: true,
		compactAfter: 4096,
		locked: async (work) => work(),
	});
	t.after(async () => own.close());
	const until = Date.now() + 60_000;
	await own.write({op: 'claim', paths: ['a.jpg'], until});
	const filler = path.join(disk, 'filler.bin');
	await fillDisk(filler);
	// Longer than what is left of the log's page: part of it lands before the disk refuses.
	const long = Array.from({length: 40}, (_, index) => `${String(index)}-${'x'.repeat(200)}.jpg`);
	await assert.rejects(own.write({op: 'claim', paths: long, until}), (error: Error) => {
		assert.equal(error.message, `could not write the claims log ${file}: disk full. Free space.`);
		assert.equal((error.cause as NodeJS.ErrnoException).code, 'ENOSPC');
		return true;
	});
	assert.equal(
		await readFile(file, 'utf8'),
		`${JSON.stringify({op: 'claim', paths: ['a.jpg'], until})}\n`,
	);

	await rm(filler);
	await own.write({op: 'release', paths: ['a.jpg']});
	const lines = (await readFile(file, 'utf8')).split('\n');
	assert.equal(lines.pop(), '', 'the log ends with a newline');
	assert.deepEqual(
		lines.map((line) => parseClaimLine(line)?.op),
		['claim', 'release'],
		'every line reads whole',
	);
});
