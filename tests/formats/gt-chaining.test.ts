import assert from 'node:assert/strict';
import {readFile, writeFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {runExportRequest} from '../../source/app/export-run.js';
import {decidedList, labeledClasses, labeledSamples} from '../helpers/labeled-dataset.js';
import {makeTempDir} from '../helpers/temp-dir.js';

const earlierJob = (attribute: string, index: number, name: string) => ({
	[attribute]: index,
	[`${attribute}-metadata`]: {
		'class-name': name,
		confidence: 0.8,
		type: 'groundtruth/image-classification',
		'job-name': `labeling-job/${attribute}`,
		'human-annotated': 'yes',
		'creation-date': '2026-11-01T09:00:00.000000',
	},
});

/** Input lines as three earlier chained jobs left them, in an order that is not sorted. */
function chainedInput(paths: readonly string[]): Array<Record<string, unknown>> {
	return paths.map((itemPath, index) => ({
		'source-ref': `s3://amzn-s3-demo-bucket/in/${itemPath}`,
		'batch-id': `b${index % 3}`,
		...earlierJob('sport', index % 2, index % 2 ? 'tennis' : 'football'),
		...earlierJob('indoor', 1, 'yes'),
		...earlierJob('blurry', 0, 'no'),
	}));
}

test('a manifest from three earlier jobs comes out with all their keys plus the new attribute, line order kept', async (t) => {
	const {dir} = await labeledSamples(t);
	const decided = (await decidedList(dir, labeledClasses)).items;
	const chosen = decided.slice(0, 8).map((item) => item.path);
	const order = [...chosen].reverse();
	order.splice(3, 0, 'img_9999.jpg'); // Listed but not in the dataset: kept, without a label.
	const input = chainedInput(order);
	const folder = await makeTempDir(t);
	const inputFile = path.join(folder, 'input.manifest');
	await writeFile(inputFile, input.map((line) => `${JSON.stringify(line)}\n`).join(''));
	const target = path.join(folder, 'output.manifest');
	const summary = await runExportRequest({
		dir,
		format: 'gt',
		to: target,
		attribute: 'kind',
		jobName: 'kind',
		inputManifest: inputFile,
	});
	assert.equal(summary.written, input.length);
	assert.ok(summary.warnings.some((warning) => warning.includes('1 line(s)')));

	const output = (await readFile(target, 'utf8'))
		.trimEnd()
		.split('\n')
		.map((line) => JSON.parse(line) as Record<string, unknown>);
	assert.equal(output.length, input.length);
	const byPath = new Map(decided.map((item) => [item.path, item]));
	for (const [index, line] of output.entries()) {
		const before = input[index] ?? {};
		for (const [key, value] of Object.entries(before)) {
			assert.deepEqual(line[key], value, `line ${index + 1} keeps ${key}`);
		}

		const item = byPath.get(order[index] ?? '');
		if (item === undefined) {
			assert.deepEqual(line, before, 'an unlabeled line is kept as it was');
			continue;
		}

		assert.deepEqual(Object.keys(line), [...Object.keys(before), 'kind', 'kind-metadata']);
		assert.equal(line['kind'], labeledClasses.indexOf(item.label as 'photo'));
		assert.equal((line['kind-metadata'] as Record<string, unknown>)['class-name'], item.label);
	}
});

test('an attribute an earlier job already wrote is refused, naming the line', async (t) => {
	const {dir} = await labeledSamples(t);
	const folder = await makeTempDir(t);
	const inputFile = path.join(folder, 'input.manifest');
	await writeFile(inputFile, `${JSON.stringify(chainedInput(['img_0001.jpg'])[0])}\n`);
	await assert.rejects(
		runExportRequest({
			dir,
			format: 'gt',
			to: path.join(folder, 'out'),
			attribute: 'sport',
			inputManifest: inputFile,
		}),
		/input\.manifest:1: an earlier job already wrote the attribute "sport"/,
	);
});

for (const [attribute, reason] of [
	['label-metadata', /must not contain "-metadata"/],
	['image-ref', /must not end in "-ref"/],
	['two words', /letters, digits and single hyphens/],
] as const) {
	test(`--attribute ${attribute} is refused before anything is written`, async (t) => {
		const {dir} = await labeledSamples(t);
		await assert.rejects(
			runExportRequest({dir, format: 'gt', to: path.join(await makeTempDir(t), 'out'), attribute}),
			reason,
		);
	});
}
