import assert from 'node:assert/strict';
import {mkdtemp} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import pg from 'pg';
import {migrate} from '../../source/ledger/postgres/migrations.js';
import {openPostgresLedger} from '../../source/ledger/postgres/postgres-ledger.js';
import {isUserError} from '../../source/shared/user-error.js';
import {removeFolder} from '../helpers/dataset.js';
import {decideRecord} from '../helpers/journal-records.js';
import {startTestPostgres, type TestPostgres} from '../helpers/postgres.js';
import {ledgerContract} from './contract.js';

const server = await startTestPostgres();
const skip = typeof server === 'string' ? server : false;
const made: string[] = [];
let dataset = '';
let url = '';
test.after(async () => {
	await Promise.all(made.map(removeFolder));
	if (typeof server !== 'string') await server.close();
});

async function migratedDatabase(db: TestPostgres): Promise<string> {
	const fresh = await db.newDatabase();
	const client = new pg.Client({connectionString: fresh});
	await client.connect();
	try {
		await migrate(client);
	} finally {
		await client.end();
	}

	return fresh;
}

async function freshDataset(): Promise<string> {
	dataset = await mkdtemp(path.join(os.tmpdir(), 'imgsift-pg-ledger-'));
	made.push(dataset);
	return dataset;
}

if (typeof server === 'string') {
	test('postgres ledger', {skip}, () => undefined);
} else {
	url = await migratedDatabase(server);
	ledgerContract('postgres', {
		async reset() {
			await freshDataset();
		},
		open: async (options) => openPostgresLedger({...options, dataset, url}),
		target: () => ({dataset, db: url}),
	});

	test('postgres: where, errors and status never hold the password', async () => {
		await freshDataset();
		const ledger = await openPostgresLedger({dataset, url, user: 'ann', mode: {kind: 'exclusive'}});
		try {
			assert.ok(!ledger.where.includes(server.password));
			assert.match(ledger.where, /^postgres:\/\/imgsift@127\.0\.0\.1:\d+\//);
			assert.ok(!JSON.stringify(ledger.status()).includes(server.password));
		} finally {
			await ledger.close();
		}

		const wrong = new URL(url);
		wrong.password = 'not-the-Secret-42';
		await assert.rejects(
			openPostgresLedger({
				dataset: await freshDataset(),
				url: wrong.toString(),
				user: 'ann',
				mode: {kind: 'exclusive'},
			}),
			(error: unknown) =>
				isUserError(error) &&
				/password authentication failed/.test(error.message) &&
				!error.message.includes('not-the-Secret-42') &&
				!String(error.stack).includes('not-the-Secret-42'),
		);
	});

	test('postgres: a database without the schema is refused with the command to run', async () => {
		const empty = await server.newDatabase();
		await assert.rejects(
			openPostgresLedger({
				dataset: await freshDataset(),
				url: empty,
				user: 'ann',
				mode: {kind: 'exclusive'},
			}),
			(error: unknown) =>
				isUserError(error) &&
				/schema version 0, and this imgsift needs version 2\. Run: imgsift db migrate --db postgres:\/\/imgsift@/.test(
					error.message,
				) &&
				!error.message.includes(server.password),
		);
	});

	test('postgres: a dataset started in one mode refuses a session in another', async () => {
		await freshDataset();
		const first = await openPostgresLedger({
			dataset,
			url,
			user: 'ann',
			mode: {kind: 'overlap', votes: 3},
		});
		await first.close();
		await assert.rejects(
			openPostgresLedger({dataset, url, user: 'bea', mode: {kind: 'exclusive'}}),
			(error: unknown) => isUserError(error) && /--overlap 3/.test(error.message),
		);
	});

	test('postgres: a restart mid-session loses no decision and doubles none', {
		skip: !server.canRestart && 'the server cannot be restarted here',
	}, async () => {
		await freshDataset();
		const ann = await openPostgresLedger({dataset, url, user: 'ann', mode: {kind: 'exclusive'}});
		const statuses: boolean[] = [];
		ann.onStatus((status) => statuses.push(status.online));
		try {
			const pool = Array.from({length: 40}, (_, index) => decideRecord(index + 1).path);
			await ann.offer(pool);
			const batch = await ann.claim(40);
			assert.equal(batch.length, 40);
			for (let seq = 1; seq <= 10; seq++) await ann.append(decideRecord(seq));
			await server.stop();
			// Offline: keypresses still land (in the local journal), from the claimed batch.
			for (let seq = 11; seq <= 30; seq++) await ann.append(decideRecord(seq));
			assert.deepEqual(await ann.claim(5), []);
			assert.equal(ann.status().online, false);
			assert.ok(ann.status().pending > 0);
			assert.ok(!String(ann.status().reason).includes(server.password));
			await server.start();
			for (let seq = 31; seq <= 40; seq++) await ann.append(decideRecord(seq));
			const all = await waitStored(ann, 40);
			const seqs = all.map((record) => record.seq);
			assert.deepEqual(
				seqs,
				Array.from({length: 40}, (_, index) => index + 1),
			);
			assert.equal(ann.status().online, true);
			assert.ok(statuses.includes(false) && statuses.at(-1) === true);
		} finally {
			await ann.close();
		}
	});
}

async function waitStored(ledger: Awaited<ReturnType<typeof openPostgresLedger>>, count: number) {
	const deadline = Date.now() + 15_000;
	for (;;) {
		const mine = (await ledger.readAll().catch(() => [])).find((entry) => entry.user === 'ann');
		if ((mine?.records.length ?? 0) >= count || Date.now() > deadline) return mine?.records ?? [];
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}
