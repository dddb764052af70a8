import assert from 'node:assert/strict';
import {readdir, rm, utimes, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import {setTimeout as delay} from 'node:timers/promises';
import {withClaimsLock} from '../../../source/ledger/files/claims-lock.js';
import {fillDisk, smallDisk} from '../../helpers/small-disk.js';
import {makeTempDir} from '../../helpers/temp-dir.js';

test('only one holder at a time, however many ask at once', async (t) => {
	const dir = await makeTempDir(t);
	const file = path.join(dir, 'claims.lock');
	let inside = 0;
	let most = 0;
	const order: number[] = [];
	await Promise.all(
		Array.from({length: 12}, (_, index) =>
			withClaimsLock(file, async () => {
				inside++;
				most = Math.max(most, inside);
				await delay(3);
				order.push(index);
				inside--;
			}),
		),
	);
	assert.equal(most, 1);
	assert.equal(order.length, 12);
	assert.deepEqual(await readdir(dir), [], 'the lock is gone after the last holder');
});

test('a lock left by a dead process is taken over at once', async (t) => {
	const dir = await makeTempDir(t);
	const file = path.join(dir, 'claims.lock');
	// Pid 2^22 + 1 is above Linux's pid_max default: never a live process.
	const dead = {pid: 4_194_305, host: os.hostname(), token: 'dead', at: Date.now()};
	await writeFile(file, JSON.stringify(dead));
	const started = Date.now();
	assert.equal(await withClaimsLock(file, async () => 'ran'), 'ran');
	assert.ok(Date.now() - started < 2000);
	assert.deepEqual(await readdir(dir), []);
});

test('a half-written lock is taken over once it is old, not before', async (t) => {
	const dir = await makeTempDir(t);
	const file = path.join(dir, 'claims.lock');
	await writeFile(file, '{"pid": 12');
	const old = new Date(Date.now() - 60_000);
	await utimes(file, old, old);
	assert.equal(await withClaimsLock(file, async () => 'ran'), 'ran');

	await writeFile(file, '{"pid": 12');
	let ran = false;
	const waiting = withClaimsLock(file, async () => {
		ran = true;
	});
	await delay(300);
	assert.equal(ran, false, 'a fresh half-written lock may be one being written now');
	await utimes(file, old, old);
	await waiting;
	assert.equal(ran, true);
});

test('a full disk: the claim fails with a clear message and leaves no lock to wait out', async (t) => {
	const disk = await smallDisk(t, '1m');
	if (typeof disk !== 'string') {
		t.skip(disk.reason);
		return;
	}

	await fillDisk(path.join(disk, 'filler.bin'));
	const file = path.join(disk, 'claims.lock');
	let ran = false;
	await assert.rejects(
		withClaimsLock(file, async () => {
			ran = true;
		}),
		(error: Error) => {
			assert.equal(error.message, `could not take the claims lock ${file}: disk full. Free space.`);
			assert.equal((error.cause as NodeJS.ErrnoException).code, 'ENOSPC');
			return true;
		},
	);
	assert.equal(ran, false);
	assert.deepEqual(await readdir(disk), ['filler.bin'], 'no empty lock left behind');

	await rm(path.join(disk, 'filler.bin'));
	const started = Date.now();
	assert.equal(await withClaimsLock(file, async () => 'ran'), 'ran');
	assert.ok(Date.now() - started < 2000, 'the next claim does not wait for a stale lock');
});
