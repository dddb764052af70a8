import assert from 'node:assert/strict';
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {runExportRequest} from '../../source/app/export-run.js';
import {runImportRequest} from '../../source/app/import-run.js';
import type {ExportFormat, ImportFormat} from '../../source/formats/format-names.js';
import type {LabeledItem} from '../../source/formats/labeled-item.js';
import {
	decidedList,
	freshSamples,
	labeledClasses,
	labeledSamples,
} from '../helpers/labeled-dataset.js';
import {makeTempDir} from '../helpers/temp-dir.js';

type Carried = {
	origin: boolean;
	annotator: (item: LabeledItem) => string | undefined;
	confidence: boolean;
};

const carried: Record<ExportFormat & ImportFormat, Carried> = {
	csv: {origin: false, annotator: (item) => item.annotator, confidence: true},
	jsonl: {origin: true, annotator: (item) => item.annotator, confidence: true},
	hf: {origin: true, annotator: (item) => item.annotator, confidence: true},
	labelstudio: {origin: true, annotator: (item) => item.annotator, confidence: true},
	prodigy: {origin: true, annotator: (item) => `imgsift-${item.annotator}`, confidence: true},
	gt: {origin: false, annotator: () => undefined, confidence: true},
	imagefolder: {origin: false, annotator: () => undefined, confidence: false},
	fiftyone: {origin: false, annotator: () => undefined, confidence: true},
};

const byPath = (items: readonly LabeledItem[]) => new Map(items.map((item) => [item.path, item]));

for (const format of Object.keys(carried) as Array<keyof typeof carried>) {
	test(`${format}: export, import into a fresh copy, and every item comes back with its label`, async (t) => {
		const {dir} = await labeledSamples(t);
		const out = await makeTempDir(t);
		const target = path.join(out, `export-${format}`);
		const exported = await runExportRequest({dir, format, to: target});
		const original = await decidedList(dir, labeledClasses);
		assert.equal(exported.written, original.items.length);
		assert.ok(original.items.length >= 40, 'the fixture decides the photo and screenshot samples');

		const fresh = await freshSamples(t);
		const report = await runImportRequest({file: target, format, dir: fresh, user: 'carol'});
		assert.equal(report.skippedLines, 0, report.problems.join('\n'));
		assert.deepEqual(report.matching.unmatched, []);
		assert.equal(report.decided, original.items.length);

		const copy = byPath((await decidedList(fresh, labeledClasses)).items);
		assert.equal(copy.size, original.items.length);
		const rules = carried[format];
		for (const item of original.items) {
			const back = copy.get(item.path);
			assert.ok(back, `${item.path} came back`);
			assert.equal(back.label, item.label, `${format} ${item.path} label`);
			assert.equal(back.origin, 'import', `${format} ${item.path} origin`);
			assert.deepEqual(back.votes, {carol: item.label});
			const note = back.history.at(-1);
			if (rules.origin) {
				assert.equal(
					note?.sourceOrigin,
					item.origin,
					`${format} ${item.path} origin in the source tool`,
				);
			}

			assert.equal(
				back.annotator,
				rules.annotator(item) ?? 'carol',
				`${format} ${item.path} annotator`,
			);
			if (rules.confidence) {
				assert.equal(back.confidence, item.confidence, `${format} ${item.path} confidence`);
			}
		}
	});
}

test('the model guess travels as a Label Studio prediction and comes back as a predictions file', async (t) => {
	const {dir} = await labeledSamples(t);
	const out = await makeTempDir(t);
	const target = path.join(out, 'tasks.json');
	await runExportRequest({dir, format: 'labelstudio', to: target});
	const guessed = (await decidedList(dir, labeledClasses)).items.filter((item) => item.guess);
	assert.ok(guessed.length > 5);
	const fresh = await freshSamples(t);
	const report = await runImportRequest({file: target, format: 'labelstudio', dir: fresh});
	assert.equal(report.predictions, guessed.length);
	const text = await readFile(report.predictionsFile ?? '', 'utf8');
	for (const item of guessed) {
		assert.ok(
			text.includes(`${item.path},${item.guess?.label},${item.guess?.confidence}\n`),
			item.path,
		);
	}
});

test('several users: the team consensus gives the final label and its confidence; a split is left out', async (t) => {
	const {dir, truth} = await labeledSamples(t);
	const items = byPath((await decidedList(dir, labeledClasses)).items);
	const [, , split = '', , agreed = ''] = [...truth.keys()];
	// alice and bob split on the third item: contested, so no final label and no export.
	assert.equal(items.has(split), false);
	const both = items.get(agreed);
	assert.equal(both?.label, truth.get(agreed));
	assert.ok((both?.confidence ?? 0) > 0.75 && (both?.confidence ?? 1) < 1, `${both?.confidence}`);
	assert.deepEqual(both?.votes, {alice: truth.get(agreed), bob: truth.get(agreed)});
	assert.equal(both?.history.length, 2);
	const single = items.get([...truth.keys()][10] ?? '');
	assert.ok((single?.confidence ?? 1) < (both?.confidence ?? 0), 'one vote is less sure than two');

	const target = path.join(await makeTempDir(t), 'labels.csv');
	const summary = await runExportRequest({dir, format: 'csv', to: target});
	assert.equal(summary.written, items.size);
	assert.ok(
		summary.warnings.some((warning) =>
			/^2 decided image\(s\) have no final label yet/.test(warning),
		),
	);
});

test('an undone decision is not in the history; the decision after it is', async (t) => {
	const {dir, truth} = await labeledSamples(t);
	const second = [...truth.keys()][1] ?? '';
	const item = byPath((await decidedList(dir, labeledClasses)).items).get(second);
	const alice = item?.history.filter((entry) => entry.annotator === 'alice') ?? [];
	assert.deepEqual(
		alice.map((entry) => entry.label),
		[truth.get(second)],
	);
	assert.equal(alice[0]?.guess?.source, 'builtin');
});
