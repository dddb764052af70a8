import assert from 'node:assert/strict';
import {copyFile, lstat, mkdir, readFile, readlink, stat, symlink} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {openDataset} from '../../source/app/dataset.js';
import {runExportRequest} from '../../source/app/export-run.js';
import {runImportRequest} from '../../source/app/import-run.js';
import {sha1Of} from '../../source/scan/content-hash.js';
import {
	decidedList,
	freshSamples,
	labeledClasses,
	labeledSamples,
} from '../helpers/labeled-dataset.js';
import {makeTempDir} from '../helpers/temp-dir.js';

test('--symlink links to the originals; --copy makes separate files with the same bytes', async (t) => {
	const {dir} = await labeledSamples(t);
	const {items} = await decidedList(dir, labeledClasses);
	const out = await makeTempDir(t);
	await runExportRequest({
		dir,
		format: 'imagefolder',
		to: path.join(out, 'links'),
		link: 'symlink',
	});
	await runExportRequest({dir, format: 'imagefolder', to: path.join(out, 'copies'), link: 'copy'});
	for (const item of items.slice(0, 5)) {
		const linked = path.join(out, 'links', item.label, item.path);
		assert.ok((await lstat(linked)).isSymbolicLink());
		assert.equal(await readlink(linked), item.absolutePath);
		const copied = path.join(out, 'copies', item.label, item.path);
		assert.notEqual((await stat(copied)).ino, (await stat(item.absolutePath)).ino);
		assert.deepEqual(await readFile(copied), await readFile(item.absolutePath));
	}
});

test('two images with one name in one class: the second gets the hash suffix commit uses', async (t) => {
	const dir = await freshSamples(t);
	await mkdir(path.join(dir, 'a'));
	await mkdir(path.join(dir, 'b'));
	await copyFile(path.join(dir, 'img_0001.jpg'), path.join(dir, 'a', 'same.jpg'));
	await copyFile(path.join(dir, 'img_0002.jpg'), path.join(dir, 'b', 'same.jpg'));
	const dataset = await openDataset(dir, {classes: [...labeledClasses]}, 'ann');
	try {
		for (const itemPath of ['a/same.jpg', 'b/same.jpg']) {
			const facts = await stat(path.join(dir, itemPath));
			const item = {path: itemPath, size: facts.size, mtimeMs: facts.mtimeMs};
			await dataset.store.apply({
				type: 'decide',
				time: new Date().toISOString(),
				item,
				label: 'photo',
				ms: 1,
			});
		}
	} finally {
		await dataset.close();
	}

	const target = path.join(await makeTempDir(t), 'tree');
	const summary = await runExportRequest({dir, format: 'imagefolder', to: target});
	assert.equal(summary.written, 2);
	const second = sha1Of(await readFile(path.join(dir, 'b', 'same.jpg')));
	assert.deepEqual(
		await readFile(path.join(target, 'photo', `same.${second.slice(0, 8)}.jpg`)),
		await readFile(path.join(dir, 'b', 'same.jpg')),
	);
	assert.deepEqual(
		await readFile(path.join(target, 'photo', 'same.jpg')),
		await readFile(path.join(dir, 'a', 'same.jpg')),
	);
});

test('an imagefolder export made with --symlink imports back: labels by the links, content through them', async (t) => {
	const {dir} = await labeledSamples(t);
	const original = await decidedList(dir, labeledClasses);
	const tree = path.join(await makeTempDir(t), 'links');
	await runExportRequest({dir, format: 'imagefolder', to: tree, link: 'symlink'});
	const fresh = await freshSamples(t);
	const report = await runImportRequest({file: tree, format: 'imagefolder', dir: fresh});
	assert.equal(report.skippedLines, 0, report.problems.join('\n'));
	assert.deepEqual(report.matching.unmatched, []);
	assert.equal(report.decided, original.items.length);
	const back = new Map(
		(await decidedList(fresh, labeledClasses)).items.map((item) => [item.path, item]),
	);
	for (const item of original.items) {
		assert.equal(back.get(item.path)?.label, item.label, item.path);
	}
});

test('a symlink in an imagefolder tree that leads to no file is reported, not followed', async (t) => {
	const fresh = await freshSamples(t);
	const tree = path.join(await makeTempDir(t), 'links');
	await mkdir(path.join(tree, 'photo'), {recursive: true});
	await mkdir(path.join(tree, 'screenshot'), {recursive: true});
	await symlink(path.join(fresh, 'img_0001.jpg'), path.join(tree, 'photo', 'img_0001.jpg'));
	await symlink(path.join(fresh, 'gone.jpg'), path.join(tree, 'photo', 'gone.jpg'));
	await symlink(path.join(fresh, 'img_0002.jpg'), path.join(tree, 'screenshot', 'img_0002.jpg'));
	await symlink(tree, path.join(tree, 'screenshot', 'loop.jpg'));
	const report = await runImportRequest({file: tree, format: 'imagefolder', dir: fresh});
	assert.equal(report.decided, 2);
	assert.equal(report.skippedLines, 2, report.problems.join('\n'));
	assert.match(report.problems.join('\n'), /gone\.jpg.*leads to no file/);
	assert.match(report.problems.join('\n'), /loop\.jpg.*not a regular file/);
});
