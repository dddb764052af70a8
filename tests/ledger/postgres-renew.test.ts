/**
Renewals keep exactly the seats a session holds: one whose lease ran out while the database was
away is taken back when it returns (unless someone took it), so a teammate does not decide an
item this session is still showing; and the seats of an earlier, killed session of the same
person are not renewed by the new one, so they come back to the pool within the lease.
*/
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {once} from 'node:events';
import {mkdtemp} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import {fileURLToPath} from 'node:url';
import pg from 'pg';
import {migrate} from '../../source/ledger/postgres/migrations.js';
import {openPostgresLedger} from '../../source/ledger/postgres/postgres-ledger.js';
import {removeFolder} from '../helpers/dataset.js';
import {decideRecord} from '../helpers/journal-records.js';
import {startTestPostgres} from '../helpers/postgres.js';
import {waitFor} from '../helpers/wait-for.js';

const childScript = fileURLToPath(new URL('claim-child.js', import.meta.url));
const server = await startTestPostgres();
const exclusive = {kind: 'exclusive'} as const;
const items = Array.from({length: 20}, (_, index) => decideRecord(index + 1).path);
const skip =
	typeof server === 'string'
		? server
		: !server.canRestart && 'the server cannot be stopped and started here';
test.after(() => (typeof server === 'string' ? undefined : server.close()));

async function setUp(t: test.TestContext) {
	if (typeof server === 'string') throw new Error(server);
	const url = await server.newDatabase();
	const admin = new pg.Client({connectionString: url});
	await admin.connect();
	await migrate(admin).finally(() => admin.end());
	const dataset = await mkdtemp(path.join(os.tmpdir(), 'imgsift-renew-'));
	t.after(() => removeFolder(dataset));
	return {url, dataset};
}

async function liveSeatsOf(url: string, user: string): Promise<number> {
	const client = new pg.Client({connectionString: url});
	await client.connect();
	const result = await client
		.query<{count: string}>(
			'SELECT count(*) AS count FROM imgsift_seats WHERE user_name = $1 AND expires_at > now()',
			[user],
		)
		.finally(() => client.end());
	return Number(result.rows[0]?.count);
}

test('postgres: held seats that lapsed during an outage are taken back when it ends', {
	skip,
}, async (t) => {
	if (typeof server === 'string') return;
	const {url, dataset} = await setUp(t);
	const leaseMs = 900;
	const ann = await openPostgresLedger({dataset, url, user: 'ann', mode: exclusive, leaseMs});
	t.after(() => ann.close());
	await ann.offer(items);
	assert.equal((await ann.claim(10)).length, 10);
	await server.stop();
	const stoppedAt = Date.now();
	await waitFor('ann to notice', 5000, async () => (ann.status().online ? undefined : true));
	// The outage outlasts the lease (waiting for the lease itself to run out).
	await new Promise((resolve) =>
		setTimeout(resolve, Math.max(0, stoppedAt + leaseMs - Date.now())),
	);
	await server.start();
	await waitFor('ann to take her 10 seats back', 10_000, async () =>
		(await liveSeatsOf(url, 'ann')) === 10 ? true : undefined,
	);
	const bea = await openPostgresLedger({dataset, url, user: 'bea', mode: exclusive, leaseMs});
	t.after(() => bea.close());
	assert.deepEqual(await bea.claim(32), items.slice(10));
});

test('postgres: a new session does not renew the seats its killed predecessor held', {
	skip,
}, async (t) => {
	if (typeof server === 'string') return;
	const {url, dataset} = await setUp(t);
	const leaseMs = 3000;
	const options = {dataset, db: url, user: 'ann', mode: exclusive, leaseMs};
	const child = spawn(
		process.execPath,
		[childScript, JSON.stringify({...options, offer: items, count: 10})],
		{stdio: ['ignore', 'pipe', 'inherit']},
	);
	t.after(() => child.kill('SIGKILL'));
	const [line] = (await once(child.stdout.setEncoding('utf8'), 'data')) as [string];
	assert.deepEqual(JSON.parse(line), items.slice(0, 10));
	child.kill('SIGKILL');
	await once(child, 'exit');
	const killedAt = Date.now();
	// ann starts again at once, well within the lease, and renews while she labels.
	const again = await openPostgresLedger({dataset, url, user: 'ann', mode: exclusive, leaseMs});
	t.after(() => again.close());
	assert.ok(Date.now() - killedAt < leaseMs, 'ann took longer than the lease to start again');
	const bea = await openPostgresLedger({dataset, url, user: 'bea', mode: exclusive, leaseMs});
	t.after(() => bea.close());
	const got = new Set(await bea.claim(10));
	await waitFor('the killed session’s seats to come back', leaseMs + 5000, async () => {
		for (const item of await bea.claim(10)) got.add(item);
		return items.slice(0, 10).every((item) => got.has(item)) ? true : undefined;
	});
});
