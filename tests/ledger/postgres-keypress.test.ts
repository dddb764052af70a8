/**
A keypress never waits on the network: with the database's connection hung (a real PostgreSQL
behind a proxy that stops forwarding, as a stalled network does: no error, no reply), a claim
ahead and the lease renewals hang, and every append still completes without even a turn of the
event loop. When the network is back, the claim answers and every decision is stored once.
*/
import assert from 'node:assert/strict';
import {mkdtemp} from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import pg from 'pg';
import {migrate} from '../../source/ledger/postgres/migrations.js';
import {openPostgresLedger} from '../../source/ledger/postgres/postgres-ledger.js';
import {removeFolder} from '../helpers/dataset.js';
import {decideRecord} from '../helpers/journal-records.js';
import {startTestPostgres} from '../helpers/postgres.js';

const server = await startTestPostgres();

/** Forwards TCP to `target`; `freeze` stops forwarding both ways (nothing is closed). */
async function stallingProxy(target: URL) {
	let frozen = false;
	const pairs: net.Socket[][] = [];
	const proxy = net.createServer((client) => {
		const upstream = net.connect(Number(target.port), target.hostname);
		pairs.push([client, upstream]);
		for (const [from, to] of [
			[client, upstream],
			[upstream, client],
		] as const) {
			from.on('data', (chunk) => {
				if (!frozen) to.write(chunk);
			});
			from.on('error', () => to.destroy());
			from.on('close', () => to.destroy());
		}
	});
	await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
	const port = (proxy.address() as net.AddressInfo).port;
	return {
		port,
		freeze() {
			frozen = true;
		},
		/** New connections work again; the hung ones are cut (the pool reconnects). */
		thaw() {
			frozen = false;
			for (const pair of pairs.splice(0)) for (const socket of pair) socket.destroy();
		},
		close: () => new Promise<void>((resolve) => proxy.close(() => resolve())),
	};
}

test('postgres: with the network hung, claims and renewals wait, keypresses do not', {
	skip: typeof server === 'string' ? server : false,
}, async (t) => {
	if (typeof server === 'string') return;
	t.after(() => server.close());
	const direct = await server.newDatabase();
	const admin = new pg.Client({connectionString: direct});
	await admin.connect();
	await migrate(admin).finally(() => admin.end());
	const proxy = await stallingProxy(new URL(direct));
	t.after(() => proxy.close());
	const url = new URL(direct);
	url.port = String(proxy.port);
	const dataset = await mkdtemp(path.join(os.tmpdir(), 'imgsift-keypress-'));
	t.after(() => removeFolder(dataset));
	const exclusive = {kind: 'exclusive'} as const;
	// Renewals every 300 ms: several fall in the hung stretch.
	const ledger = await openPostgresLedger({
		dataset,
		url: url.toString(),
		user: 'ann',
		mode: exclusive,
		leaseMs: 900,
	});
	t.after(() => ledger.close());
	const items = Array.from({length: 60}, (_, index) => decideRecord(index + 1).path);
	await ledger.offer(items);
	assert.equal((await ledger.claim(32)).length, 32);

	proxy.freeze();
	let claimed: readonly string[] | undefined;
	const claimAhead = ledger.claim(28).then((got) => {
		claimed = got;
	});
	for (let seq = 1; seq <= 32; seq++) {
		let turned = false;
		setImmediate(() => {
			turned = true;
		});
		await ledger.append(decideRecord(seq));
		assert.equal(turned, false, `keypress ${seq} waited for a turn of the event loop`);
		// Time passes between keypresses: renewals and the outbox try the hung connection.
		if (seq % 8 === 0) await new Promise((resolve) => setTimeout(resolve, 150));
	}

	assert.equal(claimed, undefined, 'the claim ahead should still be waiting on the network');
	assert.ok(ledger.status().pending > 0);
	proxy.thaw();
	await claimAhead;
	// The outbox retries on a new connection on its own: wait for it to empty.
	const deadline = Date.now() + 10_000;
	while (ledger.status().pending > 0 && Date.now() < deadline) {
		await new Promise((resolve) => setTimeout(resolve, 50));
	}

	assert.equal(ledger.status().pending, 0);
	const mine = (await ledger.readAll()).find((entry) => entry.user === 'ann');
	assert.deepEqual(
		mine?.records.map((record) => record.seq),
		Array.from({length: 32}, (_, index) => index + 1),
	);
});
