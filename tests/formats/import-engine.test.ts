import assert from 'node:assert/strict';
import {copyFile, mkdir, readFile, rename, writeFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {openDataset} from '../../source/app/dataset.js';
import {runExportRequest} from '../../source/app/export-run.js';
import {runImportRequest} from '../../source/app/import-run.js';
import {acquireLock} from '../../source/ledger/files/lock.js';
import {userLockPath} from '../../source/ledger/files/user-journal.js';
import {labelsDir} from '../../source/store/paths.js';
import {
	decidedList,
	freshSamples,
	labeledClasses,
	labeledSamples,
} from '../helpers/labeled-dataset.js';
import {makeTempDir} from '../helpers/temp-dir.js';

async function labels(dir: string): Promise<Map<string, string>> {
	const {items} = await decidedList(dir, labeledClasses);
	return new Map(items.map((item) => [item.path, item.label]));
}

test('matching: relative path, then a file name only one file has, then content; the rest listed', async (t) => {
	const dir = await freshSamples(t);
	await mkdir(path.join(dir, 'a'));
	await mkdir(path.join(dir, 'b'));
	await rename(path.join(dir, 'img_0002.jpg'), path.join(dir, 'a', 'img_0002.jpg'));
	await copyFile(path.join(dir, 'img_0003.jpg'), path.join(dir, 'a', 'same.jpg'));
	await rename(path.join(dir, 'img_0003.jpg'), path.join(dir, 'b', 'same.jpg'));
	await rename(path.join(dir, 'img_0004.jpg'), path.join(dir, 'b', 'renamed.jpg'));
	// A HF export from another copy carries its own images: content can match a renamed file.
	const elsewhere = await makeTempDir(t);
	await copyFile(path.join(dir, 'b', 'renamed.jpg'), path.join(elsewhere, 'img_0004.jpg'));
	await copyFile(path.join(dir, 'img_0021.jpg'), path.join(elsewhere, 'img_0021.jpg'));
	const metadata = [
		{file_name: 'img_0001.jpg', label: 'photo'},
		{file_name: 'photos/img_0002.jpg', label: 'photo'},
		{file_name: 'img_0004.jpg', label: 'photo'},
		{file_name: 'same.jpg', label: 'photo'},
		{file_name: 'gone.jpg', label: 'photo'},
		{file_name: 'img_0021.jpg', label: 'screenshot'},
	];
	await writeFile(
		path.join(elsewhere, 'metadata.jsonl'),
		metadata.map((row) => `${JSON.stringify(row)}\n`).join(''),
	);
	const report = await runImportRequest({file: elsewhere, format: 'hf', dir});
	assert.deepEqual(report.matching.counts, {path: 2, basename: 1, hash: 1});
	assert.deepEqual(
		report.matching.unmatched,
		['same.jpg', 'gone.jpg'],
		'two files are named same.jpg',
	);
	const decided = await labels(dir);
	assert.equal(decided.get('a/img_0002.jpg'), 'photo');
	assert.equal(decided.get('b/renamed.jpg'), 'photo');
	assert.equal(decided.has('a/same.jpg') || decided.has('b/same.jpg'), false);
});

test('a conflict is reported and kept; --prefer import replaces it, and undo brings the old label back', async (t) => {
	const {dir, truth} = await labeledSamples(t);
	const third = [...truth.keys()][10] ?? ''; // decided by alice alone
	const old = truth.get(third) ?? '';
	const other = old === 'photo' ? 'screenshot' : 'photo';
	const file = path.join(await makeTempDir(t), 'labels.csv');
	await writeFile(
		file,
		`path,label\n${third},${other}\nimg_0020.jpg,${truth.get('img_0020.jpg')}\n`,
	);

	const kept = await runImportRequest({file, format: 'csv', dir, user: 'alice'});
	assert.deepEqual(kept.conflicts, [{path: third, existing: old, imported: other}]);
	assert.equal(kept.unchanged, 1);
	assert.equal(kept.decided, 0);
	const aliceOnly = async () => {
		const dataset = await openDataset(dir, undefined, 'alice');
		await dataset.close();
		return dataset.state.decisions;
	};
	assert.ok(await aliceOnly());
	assert.equal((await labels(dir)).get(third), old);

	const replaced = await runImportRequest({
		file,
		format: 'csv',
		dir,
		user: 'alice',
		prefer: 'import',
	});
	assert.equal(replaced.replaced, 1);
	const dataset = await openDataset(dir, undefined, 'alice');
	try {
		const state = dataset.store.getState();
		assert.equal(state.history?.top.path, third);
		const undone = await dataset.store.apply({type: 'undo', time: new Date().toISOString()});
		assert.ok(undone, 'the imported decision is undoable like any other');
	} finally {
		await dataset.close();
	}

	const {items} = await decidedList(dir, labeledClasses);
	const item = items.find((entry) => entry.path === third);
	assert.equal(item?.votes['alice'], old);
});

test('import waits for no one: a dataset locked by a labeling session is refused, untouched', async (t) => {
	const {dir} = await labeledSamples(t);
	const before = await labels(dir);
	const file = path.join(await makeTempDir(t), 'labels.csv');
	await writeFile(file, 'path,label\nimg_0001.jpg,screenshot\n');
	// A labeling session holds its person's lock (several people label one folder at once).
	const lock = await acquireLock(labelsDir(dir), 'alice', {file: userLockPath(dir, 'alice')});
	try {
		await assert.rejects(
			runImportRequest({file, format: 'csv', dir, user: 'alice', prefer: 'import'}),
			/is being labeled by pid \d+ .*Quit that session first/,
		);
	} finally {
		await lock.release();
	}

	assert.deepEqual(await labels(dir), before);
});

test('labels that are not classes are added to the project when they fit, and reported when not', async (t) => {
	const {dir} = await labeledSamples(t);
	const file = path.join(await makeTempDir(t), 'labels.csv');
	await writeFile(file, 'path,label\nimg_0030.jpg,meme\nimg_0031.png,a/b\n');
	const report = await runImportRequest({
		file,
		format: 'csv',
		dir,
		user: 'alice',
		prefer: 'import',
	});
	assert.deepEqual(report.matching.unmatched, []);
	assert.deepEqual(report.unknownLabels, ['a/b']);
	assert.deepEqual(report.addedClasses, ['meme']);
	const {items} = await decidedList(dir, [...labeledClasses, 'meme']);
	assert.equal(items.find((item) => item.path === 'img_0030.jpg')?.label, 'meme');
	assert.notEqual(
		items.find((item) => item.path === 'img_0031.png')?.origin,
		'import',
		'left as alice decided it',
	);
	const out = path.join(await makeTempDir(t), 'after.csv');
	await runExportRequest({dir, format: 'csv', to: out});
	assert.match(await readFile(out, 'utf8'), /^img_0030\.jpg,meme,/m);
});
