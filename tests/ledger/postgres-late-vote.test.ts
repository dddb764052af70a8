/**
Exclusive mode on PostgreSQL, decided exactly once through a kill -9 and a database outage: a
labeler decides items while the database is down, is killed before sending them, its claims lapse
and another labeler decides those items. When the killed labeler comes back, its late votes are
refused (kept apart and reported), its acknowledged ones stay, and nothing is doubled or lost.
*/
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {once} from 'node:events';
import {mkdtemp} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {createInterface} from 'node:readline';
import test from 'node:test';
import {fileURLToPath} from 'node:url';
import pg from 'pg';
import type {JournalRecord} from '../../source/core/journal-record.js';
import {migrate} from '../../source/ledger/postgres/migrations.js';
import {openPostgresLedger} from '../../source/ledger/postgres/postgres-ledger.js';
import {removeFolder} from '../helpers/dataset.js';
import {decideRecord} from '../helpers/journal-records.js';
import {startTestPostgres} from '../helpers/postgres.js';
import {waitFor} from '../helpers/wait-for.js';

const childScript = fileURLToPath(new URL('late-vote-child.js', import.meta.url));
const server = await startTestPostgres();
const exclusive = {kind: 'exclusive'} as const;
const leaseMs = 1500;

test('postgres exclusive: a killed labeler’s unsent votes on items decided since are refused, none doubled', {
	skip:
		typeof server === 'string'
			? server
			: !server.canRestart && 'the server cannot be stopped and started here',
}, async (t) => {
	if (typeof server === 'string') return;
	t.after(() => server.close());
	const url = await server.newDatabase();
	const admin = new pg.Client({connectionString: url});
	await admin.connect();
	await migrate(admin).finally(() => admin.end());
	const dataset = await mkdtemp(path.join(os.tmpdir(), 'imgsift-late-vote-'));
	t.after(() => removeFolder(dataset));
	const items = Array.from({length: 20}, (_, index) => decideRecord(index + 1).path);

	// ann, in her own process: claims 10, decides 2 that reach the database (acknowledged).
	const ann = spawn(
		process.execPath,
		[
			childScript,
			JSON.stringify({
				dataset,
				db: url,
				user: 'ann',
				mode: exclusive,
				leaseMs,
				offer: items,
				count: 10,
			}),
		],
		{stdio: ['pipe', 'pipe', 'inherit']},
	);
	t.after(() => ann.kill('SIGKILL'));
	const lines = createInterface({input: ann.stdout})[Symbol.asyncIterator]();
	const next = async () => String((await lines.next()).value);
	const send = async (records: JournalRecord[]) => {
		ann.stdin.write(`${JSON.stringify(records)}\n`);
		return next();
	};

	assert.deepEqual(JSON.parse(await next()), items.slice(0, 10));
	assert.match(await send([decideRecord(1), decideRecord(2)]), /"online":true,"pending":0/);
	// The database goes away; ann decides 5 more, kept in her local journal only, and is killed.
	await server.stop();
	const offline = await send([3, 4, 5, 6, 7].map((seq) => decideRecord(seq)));
	assert.match(offline, /"pending":5/);
	ann.kill('SIGKILL');
	await once(ann, 'exit');
	await server.start();

	// bea takes what is free now, and ann's 8 undecided items once their lease lapses.
	const bea = await openPostgresLedger({dataset, url, user: 'bea', mode: exclusive, leaseMs});
	const held = new Set<string>();
	await waitFor('ann’s lapsed claims to reach bea', leaseMs + 5000, async () => {
		for (const item of await bea.claim(32)) held.add(item);
		return held.size === 18 ? true : undefined;
	});
	assert.deepEqual([...held].sort(), items.slice(2));
	let seq = 0;
	for (const item of held) await bea.append(decideRecord(++seq, {path: item}));
	await bea.flush();
	assert.equal(bea.status().pending, 0);

	// ann starts again: her local journal sends the 5 the database never had.
	const again = await openPostgresLedger({dataset, url, user: 'ann', mode: exclusive, leaseMs});
	await again.flush();
	const status = again.status();
	const all = await again.readAll();
	await again.close();
	await bea.close();

	const deciders = new Map<string, string[]>();
	for (const {user, records} of all) {
		for (const record of records) {
			if (record.op === 'decide')
				deciders.set(record.path, [...(deciders.get(record.path) ?? []), user]);
		}
	}

	const doubled = items.filter((item) => (deciders.get(item)?.length ?? 0) > 1);
	const lost = items.filter((item) => deciders.get(item) === undefined);
	assert.deepEqual({doubled, lost}, {doubled: [], lost: []});
	// Acknowledged decisions stay ann's; the rest are bea's.
	assert.deepEqual(deciders.get(items[0] as string), ['ann']);
	assert.deepEqual(deciders.get(items[1] as string), ['ann']);
	assert.equal(status.pending, 0);
	assert.equal(status.refused, 5);
	assert.match(
		String(status.refusedNote),
		/5 decisions were not counted: .* was taken by bea first/,
	);
	assert.ok(!String(status.refusedNote).includes(server.password));

	// Refused, not dropped: kept apart in the database, and never sent (or refused) again.
	const check = new pg.Client({connectionString: url});
	await check.connect();
	const rows = await check
		.query<{seq: string}>(`SELECT seq FROM imgsift_refused WHERE user_name = 'ann' ORDER BY seq`)
		.finally(() => check.end());
	assert.deepEqual(
		rows.rows.map((row) => Number(row.seq)),
		[3, 4, 5, 6, 7],
	);
	const third = await openPostgresLedger({dataset, url, user: 'ann', mode: exclusive, leaseMs});
	const quiet = third.status();
	await third.close();
	assert.equal(quiet.pending, 0);
	assert.equal(quiet.refused, undefined);
});
