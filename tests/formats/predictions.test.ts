import assert from 'node:assert/strict';
import test from 'node:test';
import {
	parseCsvPredictions,
	parseJsonLinesPredictions,
	parsePredictions,
} from '../../source/formats/predictions.js';
import {normalizePredictionPath, PredictionIndex} from '../../source/model/prediction-index.js';

const dir = '/data/shots';

test('CSV: header optional, confidence optional, quotes and percentages understood', () => {
	const parsed = parseCsvPredictions(
		'path,label,confidence\nimg_1.jpg,photo,0.9\n"a, b.png",screenshot,87\nsub/c.jpg,photo\n',
	);
	assert.deepEqual(
		parsed.rows.map((row) => [row.path, row.label, row.confidence]),
		[
			['img_1.jpg', 'photo', 0.9],
			['a, b.png', 'screenshot', 0.87],
			['sub/c.jpg', 'photo', undefined],
		],
	);
	assert.deepEqual(parsed.problems, []);
});

test('CSV predictions split as the csv import does: a quoted path may hold a line break, CRLF ends', () => {
	const parsed = parseCsvPredictions(
		'path,label\r\n"two\r\nlines.jpg",photo\r\n"say ""hi"".jpg",x\r\n',
	);
	assert.deepEqual(
		parsed.rows.map((row) => [row.path, row.label, row.line]),
		[
			['two\r\nlines.jpg', 'photo', 2],
			['say "hi".jpg', 'x', 4],
		],
	);
});

test('CSV: malformed lines are reported with their line numbers, the rest is kept', () => {
	const parsed = parseCsvPredictions(
		'img_1.jpg,photo,0.9\nonly-a-path\nimg_2.jpg,photo,lots\n\nimg_3.jpg,photo,0.2',
	);
	assert.deepEqual(
		parsed.rows.map((row) => row.path),
		['img_1.jpg', 'img_3.jpg'],
	);
	assert.deepEqual(
		parsed.problems.map((problem) => problem.line),
		[2, 3],
	);
	assert.match(parsed.problems[1]?.reason ?? '', /confidence "lots"/);
});

test('JSONL: common key names, bad lines reported', () => {
	const parsed = parseJsonLinesPredictions(
		[
			'{"path": "a.jpg", "label": "photo", "confidence": 0.7}',
			'{"file": "b.jpg", "class": "screenshot", "score": 0.99}',
			'not json',
			'{"path": "c.jpg"}',
			'[1, 2]',
		].join('\n'),
	);
	assert.equal(parsed.format, 'jsonl');
	assert.deepEqual(
		parsed.rows.map((row) => [row.path, row.label, row.confidence]),
		[
			['a.jpg', 'photo', 0.7],
			['b.jpg', 'screenshot', 0.99],
		],
	);
	assert.deepEqual(
		parsed.problems.map((problem) => problem.line),
		[3, 4, 5],
	);
});

test('SageMaker Ground Truth output manifest: class-name and confidence from the metadata', () => {
	const line = JSON.stringify({
		'source-ref': 's3://bucket/jobs/shots/sub/x.jpg',
		animal: 0,
		'animal-metadata': {
			'class-name': 'screenshot',
			confidence: 0.93,
			type: 'groundtruth/image-classification',
			'job-name': 'labeling-job/shots',
			'human-annotated': 'yes',
			'creation-date': '2026-11-25T10:00:00.000000',
		},
	});
	const parsed = parsePredictions(`${line}\n`, 'output.manifest');
	assert.equal(parsed.format, 'sagemaker');
	assert.deepEqual(parsed.rows[0], {
		path: 's3://bucket/jobs/shots/sub/x.jpg',
		label: 'screenshot',
		confidence: 0.93,
		line: 1,
	});
	const index = new PredictionIndex(parsed.rows, dir, ['photo', 'screenshot']);
	assert.equal(
		index.lookup('sub/x.jpg')?.label,
		'screenshot',
		'matched by the item path as suffix',
	);
	assert.equal(index.lookup('x.jpg')?.label, 'screenshot');
	assert.equal(index.lookup('other/x.jpg'), undefined);
});

test('paths match relative to the folder; unknown labels and unmatched rows are reported', () => {
	const parsed = parseCsvPredictions(
		[`${dir}/a.jpg,photo,0.8`, './b.png,screenshot', 'c.jpg,cat,0.5', 'gone.jpg,photo'].join('\n'),
	);
	const index = new PredictionIndex(parsed.rows, dir, ['photo', 'screenshot']);
	assert.equal(index.lookup('a.jpg')?.confidence, 0.8);
	assert.equal(index.lookup('b.png')?.label, 'screenshot');
	assert.equal(index.lookup('c.jpg'), undefined);
	assert.deepEqual([...index.unknownLabels], [['cat', 1]]);
	assert.deepEqual(
		index.unmatched(['a.jpg', 'b.png']).map((row) => row.path),
		['gone.jpg'],
	);
	assert.equal(normalizePredictionPath('sub\\d.jpg', dir), 'sub/d.jpg');
});

test('the format is chosen by extension, else by content', () => {
	assert.equal(parsePredictions('{"path":"a.jpg","label":"photo"}', 'preds.txt').format, 'jsonl');
	assert.equal(parsePredictions('a.jpg,photo', 'preds.txt').format, 'csv');
	assert.equal(parsePredictions('a.jpg,photo', 'preds.csv').rows.length, 1);
});
