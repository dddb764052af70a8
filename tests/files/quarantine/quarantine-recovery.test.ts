import assert from 'node:assert/strict';
import {copyFile, link, mkdir, mkdtemp, readFile, rename, stat} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {partialPath} from '../../../source/files/commit/paths.js';
import {
	quarantineFiles,
	quarantineLogPath,
	restoreQuarantine,
} from '../../../source/files/quarantine/quarantine.js';
import {
	finishQuarantineIntent,
	quarantineIntentPath,
	writeQuarantineIntent,
} from '../../../source/files/quarantine/quarantine-intent.js';
import {writeBytes} from '../../helpers/check-files.js';
import {otherFilesystem} from '../../helpers/commit-fixture.js';
import {contentMultiset, inventory} from '../../helpers/dataset.js';
import {makeTempDir, removeFolder} from '../../helpers/temp-dir.js';

const file = {path: 'sub/a.jpg', reason: 'not-an-image'} as const;
const planned = 'labeled/_quarantine/not-an-image/sub/a.jpg';

async function brokenFolder(t: test.TestContext) {
	const dir = await makeTempDir(t);
	await writeBytes(path.join(dir, 'sub', 'a.jpg'), 'not an image at all');
	await writeBytes(path.join(dir, 'b.jpg'), 'another broken file');
	const before = contentMultiset(await inventory(dir));
	return {dir, out: path.join(dir, 'labeled'), before};
}

/**
Writes the intent a quarantine of `file` to `to` (relative to `dir`, or absolute) leaves before
moving, and makes the target's folder: the state of a run killed just after. Returns the target.
*/
async function intendQuarantine(dir: string, to: string): Promise<string> {
	await writeQuarantineIntent(dir, {op: 'quarantine', path: file.path, to, reason: file.reason});
	const target = path.resolve(dir, to);
	await mkdir(path.dirname(target), {recursive: true});
	return target;
}

async function logOps(dir: string): Promise<string[]> {
	const text = await readFile(quarantineLogPath(dir), 'utf8');
	return text
		.trim()
		.split('\n')
		.map((line) => {
			const record = JSON.parse(line) as {op: string; path: string};
			return `${record.op} ${record.path}`;
		});
}

test('a quarantine killed between link and unlink is finished by the next run, logged once', async (t) => {
	const {dir, out, before} = await brokenFolder(t);
	await link(path.join(dir, file.path), await intendQuarantine(dir, planned));

	const outcome = await quarantineFiles({
		dir,
		out,
		files: [file, {path: 'b.jpg', reason: 'not-an-image'}],
	});
	assert.deepEqual(outcome.failed, []);
	assert.deepEqual(outcome.moved.map((entry) => entry.to).sort(), [
		'labeled/_quarantine/not-an-image/b.jpg',
		planned,
	]);
	assert.deepEqual(contentMultiset(await inventory(dir)), before, 'no file in two places');
	assert.deepEqual(await logOps(dir), ['quarantined sub/a.jpg', 'quarantined b.jpg']);
	assert.equal((await stat(quarantineIntentPath(dir)).catch(() => undefined)) === undefined, true);
});

test('a quarantine move finished but not logged is logged, so restore brings the file back', async (t) => {
	const {dir, before} = await brokenFolder(t);
	await rename(path.join(dir, file.path), await intendQuarantine(dir, planned));
	await writeBytes(`${path.join(dir, planned)}.imgsift-partial`, 'a stray partial copy');

	const restored = await restoreQuarantine({dir});
	assert.deepEqual(restored, {restored: [{path: file.path, from: planned}], failed: []});
	assert.deepEqual(contentMultiset(await inventory(dir)), before);
});

test('a restore killed between link and unlink is finished, and one cut off mid-copy leaves no partial', async (t) => {
	const {dir, out, before} = await brokenFolder(t);
	await quarantineFiles({dir, out, files: [file]});
	await writeQuarantineIntent(dir, {op: 'restore', path: file.path, from: planned});
	await link(path.join(dir, planned), path.join(dir, file.path));
	await writeBytes(partialPath(path.join(dir, 'b.jpg')), 'not ours: a different path');

	const finished = await finishQuarantineIntent(dir);
	assert.equal(finished?.op, 'restored');
	const files = await inventory(dir);
	assert.equal(files.has(planned.split('/').join(path.sep)), false);
	assert.equal(files.has(path.join('sub', 'a.jpg')), true);
	assert.deepEqual(await logOps(dir), ['quarantined sub/a.jpg', 'restored sub/a.jpg']);
	assert.deepEqual(await restoreQuarantine({dir}), {restored: [], failed: []});
	// Only partials of the intent's own file are removed.
	assert.equal(files.has(`b.jpg.imgsift-partial`), true);
	assert.equal(contentMultiset(files).length, before.length + 1);
});

test('across filesystems: a quarantine cut off after the verified copy is finished, not copied twice', async (t) => {
	const shm = await otherFilesystem(t);
	if (shm === undefined) {
		return;
	}

	const {dir, before} = await brokenFolder(t);
	const out = await mkdtemp(path.join(shm, 'imgsift-test-'));
	t.after(() => removeFolder(out));
	const placed = path.join(out, '_quarantine', 'not-an-image', 'sub', 'a.jpg');
	await copyFile(path.join(dir, file.path), await intendQuarantine(dir, placed));

	const outcome = await quarantineFiles({dir, out, files: [file]});
	assert.deepEqual(outcome.moved, [{path: file.path, reason: file.reason, to: placed}]);
	const all = [...(await inventory(dir)).values(), ...(await inventory(out)).values()].sort();
	assert.deepEqual(all, before, 'one copy, in quarantine');
});
