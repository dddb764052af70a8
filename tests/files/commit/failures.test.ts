import assert from 'node:assert/strict';
import {chmod, link, readdir, rename, rm, unlink, writeFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {fileURLToPath} from 'node:url';
import {executeCommit, type FileOps, planFilePath} from '../../../source/files/commit/index.js';
import {
	contentIndex,
	decidedState,
	exists,
	journalFrom,
	placeFiles,
	tempFolder,
} from '../../helpers/commit-fixture.js';
import {passesAsNobody} from '../../helpers/run-as.js';

const systemError = (code: string, message: string) =>
	Object.assign(new Error(`${code}: ${message}`), {code});

test('a read-only output folder is a reported failure, and the next commit retries', async (t) => {
	const dir = await tempFolder(t);
	const out = await tempFolder(t);
	await placeFiles(dir, {'a.jpg': 'img_0001.jpg', 'b.png': 'img_0022.png'});
	await chmod(out, 0o555);
	// Runs after the folder is removed as root; as another user it unlocks the folder for removal.
	t.after(() => chmod(out, 0o755).catch(() => undefined));
	const probe = path.join(out, 'probe');
	const writable = await writeFile(probe, '').then(
		() => true,
		() => false,
	);
	if (writable) {
		// Root ignores the mode bits: the same test runs as nobody instead.
		await rm(probe);
		await passesAsNobody(fileURLToPath(import.meta.url), t.name);
		return;
	}

	const state = await decidedState(dir, {'a.jpg': 'photo', 'b.png': 'screenshot'});
	const journal = journalFrom(state);
	const report = await executeCommit({dir, out, state, record: journal.record});
	assert.deepEqual(report.moved, []);
	assert.deepEqual(
		report.failed.map((entry) => entry.path),
		['a.jpg', 'b.png'],
	);
	assert.match(report.failed[0]?.reason ?? '', /^permission denied; .*EACCES/);
	assert.deepEqual([await exists(path.join(dir, 'a.jpg')), journal.events.length], [true, 0]);
	assert.equal(await exists(planFilePath(dir)), false, 'failed entries are settled: left in place');

	await chmod(out, 0o755);
	const retry = await executeCommit({dir, out, state: journal.state(), record: journal.record});
	assert.equal(retry.moved.length, 2);
});

test('an injected EACCES or EROFS fails that entry only, leaving the file in place', async (t) => {
	const dir = await tempFolder(t);
	await placeFiles(dir, {
		'locked/a.jpg': 'img_0001.jpg',
		'free/b.jpg': 'img_0002.jpg',
		'nolinks/c.jpg': 'img_0003.jpg',
		'fat/d.jpg': 'img_0004.jpg',
	});
	const state = await decidedState(dir, {
		'locked/a.jpg': 'photo',
		'free/b.jpg': 'photo',
		'nolinks/c.jpg': 'photo',
		'fat/d.jpg': 'photo',
	});
	const under = (folder: string, file: string) => file.startsWith(path.join(dir, folder));
	// FAT-like folders have no hard links (EPERM); `nolinks` also sits on a read-only mount.
	const ops: Partial<FileOps> = {
		link: async (from, to) => {
			if (under('locked', from)) {
				throw systemError('EACCES', `permission denied, link '${from}' -> '${to}'`);
			}

			if (under('nolinks', from) || under('fat', from)) {
				throw systemError('EPERM', `operation not permitted, link '${from}' -> '${to}'`);
			}

			await link(from, to);
		},
		rename: async (from, to) => {
			if (under('nolinks', from)) {
				throw systemError('EROFS', `read-only file system, rename '${from}' -> '${to}'`);
			}

			await rename(from, to);
		},
	};
	const journal = journalFrom(state);
	const report = await executeCommit({dir, out: 'sorted', state, record: journal.record, ops});
	assert.deepEqual(
		report.moved.map(({path: item, to}) => [item, to]),
		[
			['fat/d.jpg', 'sorted/photo/d.jpg'],
			['free/b.jpg', 'sorted/photo/b.jpg'],
		],
	);
	assert.deepEqual(
		report.failed.map(({path: item}) => item),
		['locked/a.jpg', 'nolinks/c.jpg'],
	);
	assert.match(report.failed[0]?.reason ?? '', /^permission denied; .*EACCES/);
	assert.match(report.failed[1]?.reason ?? '', /^the filesystem is read-only; .*EROFS/);
	assert.equal(await exists(path.join(dir, 'locked/a.jpg')), true);
	assert.equal(await exists(path.join(dir, 'nolinks/c.jpg')), true);
	assert.deepEqual(
		(await readdir(path.join(dir, 'sorted/photo'))).sort(),
		['b.jpg', 'd.jpg'],
		'no placeholder or partial is left behind',
	);
});

test('when the source cannot be unlinked after the link, the new name is taken back', async (t) => {
	const dir = await tempFolder(t);
	await placeFiles(dir, {'a.jpg': 'img_0001.jpg'});
	const state = await decidedState(dir, {'a.jpg': 'photo'});
	const ops: Partial<FileOps> = {
		unlink: async (target) => {
			if (target === path.join(dir, 'a.jpg')) {
				throw systemError('EACCES', `permission denied, unlink '${target}'`);
			}

			await unlink(target);
		},
	};
	const before = await contentIndex(dir);
	const journal = journalFrom(state);
	const report = await executeCommit({dir, out: 'sorted', state, record: journal.record, ops});
	assert.equal(report.failed.length, 1);
	assert.match(report.failed[0]?.reason ?? '', /permission denied/);
	assert.deepEqual(await contentIndex(dir), before, 'one copy, at its old place');
	assert.equal(journal.events.length, 0);
});
