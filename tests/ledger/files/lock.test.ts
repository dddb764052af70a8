import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {once} from 'node:events';
import {readdir, readFile, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import {acquireLock, lockPath, releaseLockSync} from '../../../source/ledger/files/lock.js';
import {UserError} from '../../../source/shared/user-error.js';
import {makeTempDir} from '../../helpers/temp-dir.js';

async function deadPid(): Promise<number> {
	const child = spawn(process.execPath, ['-e', ''], {stdio: 'ignore'});
	await once(child, 'exit');
	assert.ok(child.pid !== undefined);
	return child.pid;
}

function foreignLock(pid: number, host: string): string {
	return `${JSON.stringify({pid, host, user: 'grace', started: new Date().toISOString()})}\n`;
}

test('acquire writes pid, host, user and start time; release removes the lock', async (t) => {
	const dir = await makeTempDir(t);
	const labels = path.join(dir, '.labels');
	const lock = await acquireLock(labels, 'ada');
	const saved = JSON.parse(await readFile(lockPath(labels), 'utf8'));
	assert.equal(saved.pid, process.pid);
	assert.equal(saved.host, os.hostname());
	assert.equal(saved.user, 'ada');
	assert.ok(!Number.isNaN(Date.parse(saved.started)));
	assert.equal(lock.tookOverFrom, undefined);

	assert.equal(await lock.release(), true);
	assert.deepEqual(await readdir(labels), []);
	assert.equal(await lock.release(), false);
});

test('a second acquire names the live holder and the lock file', async (t) => {
	const dir = await makeTempDir(t);
	const labels = path.join(dir, '.labels');
	const lock = await acquireLock(labels, 'ada');
	t.after(() => lock.release());
	await assert.rejects(acquireLock(labels, 'grace'), (error: unknown) => {
		assert.ok(error instanceof UserError);
		const file = lockPath(labels);
		const expected = new RegExp(
			`^${escapeRegExp(dir)} is being labeled by pid ${process.pid} on host ${escapeRegExp(os.hostname())} since \\d\\d:\\d\\d \\(${escapeRegExp(file)}\\)\\. Quit that session first; if it is gone, delete ${escapeRegExp(file)}\\.$`,
		);
		assert.match(error.message, expected);
		return true;
	});
	assert.equal(JSON.parse(await readFile(lockPath(labels), 'utf8')).user, 'ada');
});

test('a lock left by a dead process on this host is taken over', async (t) => {
	const dir = await makeTempDir(t);
	const labels = path.join(dir, '.labels');
	const pid = await deadPid();
	await acquireLock(labels).then((lock) => lock.release());
	await writeFile(lockPath(labels), foreignLock(pid, os.hostname()));

	const lock = await acquireLock(labels, 'ada');
	assert.equal(lock.tookOverFrom?.pid, pid);
	assert.equal(JSON.parse(await readFile(lockPath(labels), 'utf8')).pid, process.pid);
	assert.deepEqual(await readdir(labels), ['lock']);
	assert.equal(await lock.release(), true);
});

test('a lock from another host is never taken over, even with a dead pid', async (t) => {
	const dir = await makeTempDir(t);
	const labels = path.join(dir, '.labels');
	await acquireLock(labels).then((lock) => lock.release());
	await writeFile(lockPath(labels), foreignLock(await deadPid(), 'other-box'));
	await assert.rejects(acquireLock(labels), /on host other-box since/);
});

test('release leaves a lock that is no longer ours', async (t) => {
	const dir = await makeTempDir(t);
	const labels = path.join(dir, '.labels');
	const lock = await acquireLock(labels);
	const replacement = foreignLock(12345, 'other-box');
	await writeFile(lockPath(labels), replacement);
	assert.equal(await lock.release(), false);
	assert.equal(releaseLockSync(lock), false);
	assert.equal(await readFile(lockPath(labels), 'utf8'), replacement);
});

test('releaseLockSync removes our lock, for exit handlers', async (t) => {
	const dir = await makeTempDir(t);
	const labels = path.join(dir, '.labels');
	const lock = await acquireLock(labels);
	assert.equal(releaseLockSync(lock), true);
	assert.deepEqual(await readdir(labels), []);
	assert.equal(releaseLockSync(lock), false);
});

test('an unreadable lock file is reported, not overwritten', async (t) => {
	const dir = await makeTempDir(t);
	const labels = path.join(dir, '.labels');
	await acquireLock(labels).then((lock) => lock.release());
	await writeFile(lockPath(labels), 'garbage');
	await assert.rejects(acquireLock(labels), /is not readable as an imgsift lock/);
	assert.equal(await readFile(lockPath(labels), 'utf8'), 'garbage');
});

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
