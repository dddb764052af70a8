import assert from 'node:assert/strict';
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {
	quarantineFiles,
	quarantineLogPath,
	restoreQuarantine,
} from '../../../source/files/quarantine/quarantine.js';
import {writeBytes} from '../../helpers/check-files.js';
import {checkAndReport, makeCheckFolder} from '../../helpers/check-fixture.js';
import {inventory} from '../../helpers/dataset.js';
import {makeTempDir} from '../../helpers/temp-dir.js';

const clock = () => new Date('2026-01-02T03:04:05.000Z');

async function brokenOf(dir: string) {
	const report = await checkAndReport(dir);
	return report.files.flatMap((file) =>
		file.reason === undefined ? [] : [{path: file.path, reason: file.reason}],
	);
}

test('quarantine moves broken files under <out>/_quarantine/<reason>/, keeping paths and bytes', async (t) => {
	const dir = await makeTempDir(t);
	await makeCheckFolder(dir);
	const before = await inventory(dir);
	const out = path.join(dir, 'labeled');
	const broken = await brokenOf(dir);
	const outcome = await quarantineFiles({dir, out, files: broken, now: clock});
	assert.equal(outcome.failed.length, 0);
	assert.equal(outcome.moved.length, 10);
	assert.ok(
		outcome.moved.some(
			(entry) =>
				entry.path === 'broken/cut-50.jpg' &&
				entry.to === 'labeled/_quarantine/truncated/broken/cut-50.jpg',
		),
	);

	const after = await inventory(dir);
	assert.equal(after.size, before.size, 'nothing deleted, nothing added');
	for (const entry of outcome.moved) {
		const key = entry.to.split('/').join(path.sep);
		assert.equal(after.get(key), before.get(entry.path.split('/').join(path.sep)), entry.path);
		assert.equal(after.has(entry.path.split('/').join(path.sep)), false);
	}

	const log = (await readFile(quarantineLogPath(dir), 'utf8')).trim().split('\n');
	assert.equal(log.length, 10);
	assert.deepEqual(JSON.parse(log[0] ?? ''), {
		v: 1,
		time: '2026-01-02T03:04:05.000Z',
		op: 'quarantined',
		path: 'broken/bad-crc.png',
		reason: 'corrupt',
		to: 'labeled/_quarantine/corrupt/broken/bad-crc.png',
	});

	const next = await checkAndReport(dir);
	assert.equal(next.summary.broken, 0, 'the output folder, quarantine included, is not checked');
});

test('restore puts every file back; a second restore has nothing to do', async (t) => {
	const dir = await makeTempDir(t);
	await makeCheckFolder(dir);
	const before = await inventory(dir);
	const out = path.join(dir, 'labeled');
	await quarantineFiles({dir, out, files: await brokenOf(dir), now: clock});
	const restored = await restoreQuarantine({dir, now: clock});
	assert.equal(restored.restored.length, 10);
	assert.deepEqual(restored.failed, []);
	assert.deepEqual(await inventory(dir), before);
	assert.deepEqual(await restoreQuarantine({dir}), {restored: [], failed: []});
	const log = (await readFile(quarantineLogPath(dir), 'utf8')).trim().split('\n');
	assert.equal(log.length, 20);
	assert.equal((JSON.parse(log[19] ?? '') as {op: string}).op, 'restored');
});

test('a taken name in quarantine gets a hash suffix; a taken original place keeps the file in quarantine', async (t) => {
	const dir = await makeTempDir(t);
	const out = path.join(dir, 'labeled');
	await writeBytes(path.join(dir, 'a.jpg'), 'first broken upload');
	await writeBytes(path.join(out, '_quarantine', 'not-an-image', 'a.jpg'), 'someone else');
	const outcome = await quarantineFiles({
		dir,
		out,
		files: [{path: 'a.jpg', reason: 'not-an-image'}],
	});
	assert.match(
		outcome.moved[0]?.to ?? '',
		/^labeled\/_quarantine\/not-an-image\/a\.[0-9a-f]{8}\.jpg$/,
	);
	assert.equal(
		await readFile(path.join(out, '_quarantine', 'not-an-image', 'a.jpg'), 'utf8'),
		'someone else',
	);

	await writeBytes(path.join(dir, 'a.jpg'), 'a new file in the old place');
	const restored = await restoreQuarantine({dir});
	assert.equal(restored.restored.length, 0);
	assert.match(restored.failed[0]?.error ?? '', /a\.jpg is taken by another file/);
	assert.equal(await readFile(path.join(dir, 'a.jpg'), 'utf8'), 'a new file in the old place');
	assert.equal(
		await readFile(path.join(dir, ...(outcome.moved[0]?.to ?? '').split('/')), 'utf8'),
		'first broken upload',
	);
});

test('a file that vanished before its move is reported, not fatal; no log means nothing to restore', async (t) => {
	const dir = await makeTempDir(t);
	const out = path.join(dir, 'labeled');
	assert.deepEqual(await restoreQuarantine({dir}), {restored: [], failed: []});
	const outcome = await quarantineFiles({dir, out, files: [{path: 'gone.jpg', reason: 'empty'}]});
	assert.equal(outcome.moved.length, 0);
	assert.match(outcome.failed[0]?.error ?? '', /ENOENT|no such file/);
	assert.match(outcome.failed[0]?.error ?? '', /left in place/);
});
