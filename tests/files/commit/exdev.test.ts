import assert from 'node:assert/strict';
import {copyFile, link, readdir, rename, stat, unlink, writeFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {executeCommit, type FileOps} from '../../../source/files/commit/index.js';
import {
	contentIndex,
	decidedState,
	exists,
	journalFrom,
	otherFilesystem,
	placeFiles,
	samplesDir,
	sha1Of,
	tempFolder,
} from '../../helpers/commit-fixture.js';

const exdev = (from: string, to: string) =>
	Object.assign(new Error(`EXDEV: cross-device link not permitted, '${from}' -> '${to}'`), {
		code: 'EXDEV',
	});

/** Pretends `dir` and `out` are different filesystems: link and rename between them fail. */
function crossDevice(
	dir: string,
	extra: Partial<FileOps> = {},
): Partial<FileOps> & {copies: string[]} {
	const copies: string[] = [];
	const sides = (from: string, to: string) => from.startsWith(dir) !== to.startsWith(dir);
	return {
		copies,
		link: async (from, to) => {
			if (sides(from, to)) {
				throw exdev(from, to);
			}

			await link(from, to);
		},
		rename: async (from, to) => {
			if (sides(from, to)) {
				throw exdev(from, to);
			}

			await rename(from, to);
		},
		copyFile: async (from, to, mode) => {
			copies.push(path.basename(to));
			await copyFile(from, to, mode);
		},
		...extra,
	};
}

test('across filesystems (injected EXDEV) a file is copied, verified, renamed, then unlinked', async (t) => {
	const dir = await tempFolder(t);
	const out = await tempFolder(t);
	await placeFiles(dir, {'a.jpg': 'img_0001.jpg', 'b.png': 'img_0022.png'});
	await placeFiles(out, {'photo/a.jpg.imgsift-partial': new Uint8Array([1, 2, 3])});
	const {mtimeMs} = await stat(path.join(dir, 'a.jpg'));
	const state = await decidedState(dir, {'a.jpg': 'photo', 'b.png': 'screenshot'});
	const ops = crossDevice(dir);
	const journal = journalFrom(state);
	const report = await executeCommit({dir, out, state, record: journal.record, ops});

	assert.deepEqual(ops.copies, ['a.jpg.imgsift-partial', 'b.png.imgsift-partial']);
	assert.deepEqual(
		report.moved.map((entry) => entry.to),
		[path.join(out, 'photo/a.jpg'), path.join(out, 'screenshot/b.png')],
	);
	assert.equal(
		await sha1Of(path.join(out, 'photo/a.jpg')),
		await sha1Of(path.join(samplesDir, 'img_0001.jpg')),
	);
	assert.ok(Math.abs((await stat(path.join(out, 'photo/a.jpg'))).mtimeMs - mtimeMs) < 1);
	assert.deepEqual(await readdir(path.join(out, 'photo')), ['a.jpg'], 'the old partial is gone');
	assert.equal(await exists(path.join(dir, 'a.jpg')), false);
});

test('across real filesystems (/dev/shm) a commit moves files the same way', async (t) => {
	const shm = await otherFilesystem(t);
	if (shm === undefined) {
		return;
	}

	const dir = await tempFolder(t);
	const out = await tempFolder(t, shm);
	await placeFiles(dir, {'a.jpg': 'img_0001.jpg', 'sub/b.png': 'img_0022.png'});
	await placeFiles(out, {'photo/a.jpg': 'img_0002.jpg'});
	const before = await contentIndex(dir);
	const state = await decidedState(dir, {'a.jpg': 'photo', 'sub/b.png': 'screenshot'});
	const journal = journalFrom(state);
	const report = await executeCommit({dir, out, state, record: journal.record});
	assert.deepEqual([report.failed, report.skipped], [[], []]);
	const hash = await sha1Of(path.join(samplesDir, 'img_0001.jpg'));
	assert.deepEqual(
		report.moved.map((entry) => entry.to),
		[path.join(out, `photo/a.${hash.slice(0, 8)}.jpg`), path.join(out, 'screenshot/b.png')],
	);
	const after = await contentIndex(out);
	for (const [content] of before) {
		assert.equal(after.get(content)?.length, 1);
	}

	assert.equal((await contentIndex(dir)).size, 0, 'the sources are gone');
});

test('a copy that fails (ENOSPC) or comes out different leaves the original and no partial', async (t) => {
	const dir = await tempFolder(t);
	const out = await tempFolder(t);
	await placeFiles(dir, {'full.jpg': 'img_0001.jpg', 'bad.jpg': 'img_0002.jpg'});
	const state = await decidedState(dir, {'full.jpg': 'photo', 'bad.jpg': 'photo'});
	const ops = crossDevice(dir, {
		copyFile: async (from, to) => {
			if (from.endsWith('full.jpg')) {
				await writeFile(to, 'half');
				throw Object.assign(new Error(`ENOSPC: no space left on device, copyfile '${from}'`), {
					code: 'ENOSPC',
				});
			}

			await writeFile(to, 'different bytes');
		},
	});
	const before = await contentIndex(dir);
	const journal = journalFrom(state);
	const report = await executeCommit({dir, out, state, record: journal.record, ops});
	assert.deepEqual(report.moved, []);
	assert.deepEqual(
		report.failed.map(({path: item, reason}) => [item, reason.split(';')[0]]),
		[
			[
				'bad.jpg',
				`the copy at ${path.join(out, 'photo/bad.jpg.imgsift-partial')} does not match the original (size or sha1 differ)`,
			],
			['full.jpg', 'no space left on the device'],
		],
	);
	assert.deepEqual(await readdir(path.join(out, 'photo')), []);
	assert.deepEqual(await contentIndex(dir), before);
	assert.equal(journal.events.length, 0);
});

test('when the source cannot be unlinked after a verified copy, the copy is removed', async (t) => {
	const dir = await tempFolder(t);
	const out = await tempFolder(t);
	await placeFiles(dir, {'a.jpg': 'img_0001.jpg'});
	const state = await decidedState(dir, {'a.jpg': 'photo'});
	const ops = crossDevice(dir, {
		unlink: async (target) => {
			if (target === path.join(dir, 'a.jpg')) {
				throw Object.assign(new Error(`EACCES: permission denied, unlink '${target}'`), {
					code: 'EACCES',
				});
			}

			await unlink(target);
		},
	});
	const journal = journalFrom(state);
	const report = await executeCommit({dir, out, state, record: journal.record, ops});
	assert.match(report.failed[0]?.reason ?? '', /^permission denied/);
	assert.deepEqual(await readdir(path.join(out, 'photo')), []);
	assert.equal(await exists(path.join(dir, 'a.jpg')), true);
});
