import assert from 'node:assert/strict';
import {readdir, readFile, writeFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {runExportRequest} from '../../source/app/export-run.js';
import {runImportRequest} from '../../source/app/import-run.js';
import {maxLineBytes} from '../../source/formats/line-input.js';
import {
	decidedList,
	freshSamples,
	labeledClasses,
	labeledSamples,
} from '../helpers/labeled-dataset.js';
import {makeTempDir} from '../helpers/temp-dir.js';

const line = (itemPath: string, label: string) => `${JSON.stringify({path: itemPath, label})}\n`;

async function decidedPaths(dir: string): Promise<string[]> {
	return (await decidedList(dir, labeledClasses)).items.map((item) => item.path);
}

test('a malformed line names the file, line and column, and the other lines still import', async (t) => {
	const dir = await freshSamples(t);
	const file = path.join(await makeTempDir(t), 'labels.jsonl');
	await writeFile(
		file,
		`${line('img_0001.jpg', 'photo')}{"path": "img_0002.jpg", "label": photo}\n${line('img_0021.jpg', 'screenshot')}{"path": "img_0003.jpg"}\n`,
	);
	const report = await runImportRequest({file, format: 'jsonl', dir});
	assert.equal(report.skippedLines, 2);
	assert.deepEqual(report.problems, [
		`${file}:2:35: is not valid JSON`,
		`${file}:4:1: needs "path" and "label"`,
	]);
	assert.deepEqual(await decidedPaths(dir), ['img_0001.jpg', 'img_0021.jpg']);
});

test('a line that is not UTF-8 is reported with its line and the byte where it breaks', async (t) => {
	const dir = await freshSamples(t);
	const file = path.join(await makeTempDir(t), 'labels.csv');
	const latin1 = Buffer.from('img_0002.jpg,photo,Jos\xe9\n', 'latin1');
	await writeFile(
		file,
		Buffer.concat([
			Buffer.from('path,label,annotator\nimg_0001.jpg,photo,ann\nimg_0021.jpg,screenshot,ann\n'),
			latin1,
		]),
	);
	const report = await runImportRequest({file, format: 'csv', dir});
	assert.deepEqual(report.problems, [`${file}:4:23: is not UTF-8 text; save the file as UTF-8`]);
	assert.deepEqual(await decidedPaths(dir), ['img_0001.jpg', 'img_0021.jpg']);
});

test('a UTF-16 file is refused with a way to convert it, before anything is written', async (t) => {
	const dir = await freshSamples(t);
	const file = path.join(await makeTempDir(t), 'labels.csv');
	await writeFile(
		file,
		Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('path,label\n', 'utf16le')]),
	);
	await assert.rejects(
		runImportRequest({file, format: 'csv', dir}),
		/is UTF-16 or UTF-32 text, not UTF-8\. Save it as UTF-8/,
	);
	await assert.rejects(readdir(path.join(dir, '.labels')), {code: 'ENOENT'});
});

test('a line longer than the limit is skipped and reported; the lines after it import', async (t) => {
	const dir = await freshSamples(t);
	const file = path.join(await makeTempDir(t), 'labels.jsonl');
	const huge = `{"path": "${'x'.repeat(maxLineBytes + 10)}", "label": "photo"}\n`;
	await writeFile(
		file,
		`${line('img_0001.jpg', 'photo')}${huge}${line('img_0021.jpg', 'screenshot')}`,
	);
	const report = await runImportRequest({file, format: 'jsonl', dir});
	assert.deepEqual(report.problems, [`${file}:2: is longer than 16 MB; skipped`]);
	assert.deepEqual(await decidedPaths(dir), ['img_0001.jpg', 'img_0021.jpg']);
});

test('paths that leave the dataset folder are refused; an absolute path inside it matches', async (t) => {
	const dir = await freshSamples(t);
	const file = path.join(await makeTempDir(t), 'labels.csv');
	const rows = [
		'path,label',
		'../img_0001.jpg,photo',
		'/etc/passwd,photo',
		'sub/../../img_0002.jpg,photo',
		`${path.join(dir, 'img_0003.jpg')},photo`,
		'img_0021.jpg,screenshot',
	];
	await writeFile(file, `${rows.join('\n')}\n`);
	const report = await runImportRequest({file, format: 'csv', dir});
	assert.equal(report.matching.refused.length, 3);
	assert.match(report.matching.refused.join('\n'), /\.\.\/img_0001\.jpg \(line 2\): leaves/);
	assert.match(report.matching.refused.join('\n'), /\/etc\/passwd \(line 3\): is outside/);
	assert.deepEqual(await decidedPaths(dir), ['img_0003.jpg', 'img_0021.jpg']);
});

test('a quote that is never closed is reported at the line where its record starts', async (t) => {
	const dir = await freshSamples(t);
	const file = path.join(await makeTempDir(t), 'labels.csv');
	await writeFile(
		file,
		'path,label\nimg_0001.jpg,photo\nimg_0021.jpg,screenshot\n"img_0002.jpg,photo\nimg_0022.png,screenshot\n',
	);
	const report = await runImportRequest({file, format: 'csv', dir});
	assert.deepEqual(report.problems, [`${file}:4: has a quote that is never closed`]);
	assert.deepEqual(await decidedPaths(dir), ['img_0001.jpg', 'img_0021.jpg']);
});

test('an existing target is refused without --force; with it the old one is kept aside', async (t) => {
	const {dir} = await labeledSamples(t);
	const folder = await makeTempDir(t);
	const target = path.join(folder, 'labels.csv');
	await writeFile(target, 'mine\n');
	await assert.rejects(
		runExportRequest({dir, format: 'csv', to: target}),
		/already exists.*--force/,
	);
	assert.equal(await readFile(target, 'utf8'), 'mine\n');
	await runExportRequest({dir, format: 'csv', to: target, force: true});
	assert.match(await readFile(target, 'utf8'), /^path,label,annotator,confidence,decided_at\n/);
	const aside = (await readdir(folder)).filter((name) => name.startsWith('labels.csv.replaced-'));
	assert.equal(aside.length, 1);
	assert.equal(await readFile(path.join(folder, aside[0] ?? ''), 'utf8'), 'mine\n');
	assert.deepEqual(
		(await readdir(folder)).filter((name) => name.endsWith('.partial')),
		[],
		'no temp file left',
	);
});

test('a folder export inside the dataset is refused, since labeling would see its images', async (t) => {
	const {dir} = await labeledSamples(t);
	await assert.rejects(
		runExportRequest({dir, format: 'imagefolder', to: path.join(dir, 'tree')}),
		/inside the dataset folder/,
	);
});

test('export of a folder with no project says how to start one', async (t) => {
	const dir = await freshSamples(t);
	await assert.rejects(
		runExportRequest({dir, format: 'csv'}),
		/has no imgsift project.*imgsift label/,
	);
});
