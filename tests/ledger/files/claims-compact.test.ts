import assert from 'node:assert/strict';
import {readdir, readFile, writeFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {
	claimsDir,
	openFilesLedger,
	readLiveClaims,
} from '../../../source/ledger/files/files-ledger.js';
import {decideRecord} from '../../helpers/journal-records.js';
import {makeTempDir} from '../../helpers/temp-dir.js';

const exclusive = {kind: 'exclusive'} as const;
const items = (count: number) =>
	Array.from({length: count}, (_, index) => decideRecord(index + 1).path);
const linesOf = async (file: string) =>
	(await readFile(file, 'utf8')).split('\n').filter((line) => line !== '').length;

test('a growing claims log is rewritten as what it holds, and the others still see it', async (t) => {
	const dataset = await makeTempDir(t);
	const ann = await openFilesLedger({dataset, user: 'ann', mode: exclusive, compactClaimsAfter: 4});
	const bea = await openFilesLedger({dataset, user: 'bea', mode: exclusive});
	const log = path.join(claimsDir(dataset), 'ann.jsonl');
	try {
		const pool = items(60);
		await ann.offer(pool);
		await bea.offer(pool);
		let longest = 0;
		const held: string[] = [];
		for (let round = 0; round < 25; round++) {
			const [got] = await ann.claim(1);
			assert.ok(got);
			held.push(got);
			// Every other item goes back: the log has claims and releases to drop.
			if (round % 2 === 1) {
				await ann.release([got]);
				held.pop();
			}

			longest = Math.max(longest, await linesOf(log));
		}

		assert.ok(longest <= 5, `the log grew to ${longest} lines`);
		const expected = new Map([['ann', [...held].sort()]]);
		assert.deepEqual(await bea.claims(), expected);
		assert.deepEqual(await readLiveClaims(dataset), expected);
		// What bea may claim leaves out everything ann still holds, and only that.
		const beaGot = await bea.claim(100);
		assert.deepEqual(
			beaGot.filter((item) => held.includes(item)),
			[],
		);
		assert.equal(beaGot.length, pool.length - held.length);
		// No temp file is left behind.
		assert.deepEqual(
			(await readdir(claimsDir(dataset))).filter((name) => name.endsWith('.tmp')),
			[],
		);
	} finally {
		await Promise.all([ann.close(), bea.close()]);
	}
});

test("a new session empties the long claims log its user's last session left", async (t) => {
	const dataset = await makeTempDir(t);
	const first = await openFilesLedger({dataset, user: 'ann', mode: exclusive});
	await first.close();
	const log = path.join(claimsDir(dataset), 'ann.jsonl');
	const old = Array.from({length: 500}, () => JSON.stringify({op: 'renew', until: 1})).join('\n');
	await writeFile(log, `${old}\n`);
	const again = await openFilesLedger({dataset, user: 'ann', mode: exclusive});
	try {
		assert.equal(await linesOf(log), 0);
		await again.offer(items(3));
		assert.deepEqual(await again.claim(3), items(3));
		assert.deepEqual(await readLiveClaims(dataset), new Map([['ann', items(3)]]));
	} finally {
		await again.close();
	}
});
