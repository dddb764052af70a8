import assert from 'node:assert/strict';
import {copyFile, mkdir, readdir, readFile, stat} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {fileURLToPath} from 'node:url';
import {runExportRequest} from '../../source/app/export-run.js';
import {runImportRequest} from '../../source/app/import-run.js';
import {samplesFolder} from '../helpers/dataset.js';
import {
	decidedList,
	freshSamples,
	labeledClasses,
	labeledSamples,
} from '../helpers/labeled-dataset.js';
import {makeTempDir} from '../helpers/temp-dir.js';

/** Samples written from each format's documentation: see tests/fixtures/formats/README.md. */
export const fixtures = fileURLToPath(new URL('../../../tests/fixtures/formats/', import.meta.url));

async function labelsOf(dir: string) {
	const {items} = await decidedList(dir, labeledClasses);
	return new Map(items.map((item) => [item.path, item]));
}

const jsonLines = async (file: string) =>
	(await readFile(file, 'utf8'))
		.split('\n')
		.filter((line) => line.trim() !== '')
		.map((line) => JSON.parse(line) as Record<string, unknown>);

test('gt: a documented output manifest imports labels by file name, and the auto-labeled line as a prediction', async (t) => {
	const dir = await freshSamples(t);
	const report = await runImportRequest({
		file: path.join(fixtures, 'gt-output.manifest'),
		format: 'gt',
		dir,
	});
	assert.equal(report.matching.counts.basename, 3);
	assert.equal(report.decided, 2);
	const items = await labelsOf(dir);
	assert.equal(items.get('img_0001.jpg')?.label, 'photo');
	assert.equal(items.get('img_0001.jpg')?.confidence, 0.93);
	assert.equal(items.get('img_0021.jpg')?.label, 'screenshot');
	assert.equal(
		items.has('img_0022.png'),
		false,
		'human-annotated "no" is a prediction, not a label',
	);
	const predictions = await readFile(report.predictionsFile ?? '', 'utf8');
	assert.match(predictions, /^img_0022\.png,screenshot,0\.96$/m);
});

test('gt: our lines have exactly the documented keys, and --attribute names them', async (t) => {
	const {dir} = await labeledSamples(t);
	const target = path.join(await makeTempDir(t), 'out.manifest');
	await runExportRequest({dir, format: 'gt', to: target, attribute: 'kind', jobName: 'kind'});
	const [documented] = await jsonLines(path.join(fixtures, 'gt-output.manifest'));
	const ours = await jsonLines(target);
	for (const line of ours) {
		assert.deepEqual(Object.keys(line).sort(), Object.keys(documented ?? {}).sort());
		const metadata = line['kind-metadata'] as Record<string, unknown>;
		assert.deepEqual(
			Object.keys(metadata).sort(),
			Object.keys((documented?.['kind-metadata'] ?? {}) as object).sort(),
		);
		assert.equal(metadata['type'], 'groundtruth/image-classification');
		assert.equal(metadata['job-name'], 'labeling-job/kind');
		assert.match(String(metadata['creation-date']), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);
		assert.equal(line['kind'], labeledClasses.indexOf(metadata['class-name'] as 'photo'));
	}
});

test('labelstudio: a pretty-printed export brings the annotation as a label and predictions as guesses', async (t) => {
	const dir = await freshSamples(t);
	const report = await runImportRequest({
		file: path.join(fixtures, 'labelstudio-tasks.json'),
		format: 'labelstudio',
		dir,
	});
	assert.equal(report.skippedLines, 0, report.problems.join('\n'));
	assert.equal(report.decided, 1);
	const item = (await labelsOf(dir)).get('img_0002.jpg');
	assert.equal(item?.label, 'photo');
	assert.equal(item?.annotator, '3', 'completed_by is a user id');
	const predictions = await readFile(report.predictionsFile ?? '', 'utf8');
	assert.match(predictions, /^img_0002\.jpg,screenshot,0\.5$/m);
	assert.match(predictions, /^img_0023\.png,screenshot,0\.87$/m, 'matched by the URL file name');
});

test('labelstudio: our tasks carry the documented keys', async (t) => {
	const {dir} = await labeledSamples(t);
	const target = path.join(await makeTempDir(t), 'tasks.json');
	await runExportRequest({dir, format: 'labelstudio', to: target});
	type Choice = {from_name: string; to_name: string; type: string; value: {choices: string[]}};
	type Task = {
		data: {image: string};
		annotations: Array<{result: Choice[]}>;
		predictions: Array<{model_version: unknown; score: unknown; result: Choice[]}>;
	};
	const tasks = JSON.parse(await readFile(target, 'utf8')) as Task[];
	const guessed = tasks.filter((task) => task.predictions.length > 0);
	assert.ok(guessed.length > 0);
	for (const task of tasks) {
		assert.match(task.data.image, /^\/data\/local-files\/\?d=img_\d{4}\.(jpg|png)$/);
		const result = task.annotations[0]?.result[0];
		assert.deepEqual(Object.keys(result ?? {}).sort(), ['from_name', 'to_name', 'type', 'value']);
		assert.equal(result?.type, 'choices');
	}

	const prediction = guessed[0]?.predictions[0];
	assert.equal(typeof prediction?.model_version, 'string');
	assert.equal(typeof prediction?.score, 'number');
	assert.equal(prediction?.result[0]?.type, 'choices');
});

test('prodigy: accepted answers are labels; reject and ignore are passed over, not labels', async (t) => {
	const dir = await freshSamples(t);
	const report = await runImportRequest({
		file: path.join(fixtures, 'prodigy-answers.jsonl'),
		format: 'prodigy',
		dir,
	});
	assert.equal(report.decided, 2);
	assert.deepEqual(report.passedOver, {
		'Prodigy answers "reject"': 1,
		'Prodigy answers "ignore"': 1,
	});
	const items = await labelsOf(dir);
	assert.equal(items.get('img_0003.jpg')?.annotator, 'kinds-ines');
	assert.equal(items.get('img_0024.jpg')?.label, 'screenshot');
	assert.equal(items.has('img_0004.jpg'), false);
});

test('prodigy: our answers have every documented key with its type', async (t) => {
	const {dir} = await labeledSamples(t);
	const target = path.join(await makeTempDir(t), 'answers.jsonl');
	await runExportRequest({dir, format: 'prodigy', to: target, jobName: 'kinds'});
	const [documented] = await jsonLines(path.join(fixtures, 'prodigy-answers.jsonl'));
	for (const line of await jsonLines(target)) {
		for (const [key, value] of Object.entries(documented ?? {})) {
			assert.equal(typeof line[key], typeof value, key);
		}

		assert.ok(
			Number.isInteger(line['_input_hash']) && Math.abs(line['_input_hash'] as number) < 2 ** 31,
		);
		assert.match(String(line['_session_id']), /^kinds-(alice|bob)$/);
	}
});

test('hf: a documented metadata.jsonl matches by file name; ours points at files beside it', async (t) => {
	const dir = await freshSamples(t);
	const report = await runImportRequest({file: path.join(fixtures, 'hf'), format: 'hf', dir});
	assert.equal(report.matching.counts.basename, 2);
	const items = await labelsOf(dir);
	assert.equal(items.get('img_0025.png')?.confidence, 0.7);
	assert.equal(items.get('img_0005.jpg')?.annotator, 'sam');

	const labeled = await labeledSamples(t);
	const target = path.join(await makeTempDir(t), 'hf');
	await runExportRequest({dir: labeled.dir, format: 'hf', to: target});
	for (const line of await jsonLines(path.join(target, 'metadata.jsonl'))) {
		assert.deepEqual(Object.keys(line).sort(), [
			'annotator',
			'confidence',
			'file_name',
			'label',
			'origin',
		]);
		const file = path.join(target, String(line['file_name']));
		assert.equal(
			(await stat(file)).size,
			(await stat(path.join(samplesFolder, String(line['file_name'])))).size,
		);
	}
});

test('fiftyone: a documented labels.json with class indexes and a confidence imports; ours has its shape', async (t) => {
	const exported = await makeTempDir(t);
	await mkdir(path.join(exported, 'data'));
	await copyFile(path.join(fixtures, 'fiftyone-labels.json'), path.join(exported, 'labels.json'));
	for (const name of ['img_0006.jpg', 'img_0026.png']) {
		await copyFile(path.join(samplesFolder, name), path.join(exported, 'data', name));
	}

	const dir = await freshSamples(t);
	const report = await runImportRequest({file: exported, format: 'fiftyone', dir});
	assert.equal(report.decided, 2);
	const items = await labelsOf(dir);
	assert.equal(items.get('img_0006.jpg')?.label, 'photo');
	assert.equal(items.get('img_0026.png')?.confidence, 0.64);

	const labeled = await labeledSamples(t);
	const target = path.join(await makeTempDir(t), 'fo');
	await runExportRequest({dir: labeled.dir, format: 'fiftyone', to: target});
	const document = JSON.parse(await readFile(path.join(target, 'labels.json'), 'utf8')) as {
		classes: string[];
		labels: Record<string, {label: number; confidence: number}>;
	};
	assert.deepEqual(document.classes, [...labeledClasses]);
	const stems = (await readdir(path.join(target, 'data'))).map((name) =>
		name.replace(/\.[^.]+$/, ''),
	);
	assert.deepEqual(Object.keys(document.labels).sort(), stems.sort());
	for (const target of Object.values(document.labels)) {
		assert.ok(target.label === 0 || target.label === 1);
	}
});

test('csv: quoted fields with commas and doubled quotes come through', async (t) => {
	const dir = await freshSamples(t);
	const report = await runImportRequest({
		file: path.join(fixtures, 'labels.csv'),
		format: 'csv',
		dir,
	});
	assert.equal(report.decided, 2);
	const items = await labelsOf(dir);
	assert.equal(items.get('img_0007.jpg')?.annotator, 'Smith, "Jo"');
	assert.equal(items.get('img_0027.jpg')?.label, 'screenshot');
});

test('imagefolder: one folder per class holding the images, hard-linked by default', async (t) => {
	const {dir} = await labeledSamples(t);
	const target = path.join(await makeTempDir(t), 'tree');
	await runExportRequest({dir, format: 'imagefolder', to: target});
	const items = await labelsOf(dir);
	assert.deepEqual((await readdir(target)).sort(), [...labeledClasses]);
	for (const item of items.values()) {
		const linked = await stat(path.join(target, item.label, item.path));
		assert.equal(linked.ino, (await stat(item.absolutePath)).ino, item.path);
	}
});
