import assert from 'node:assert/strict';
import test from 'node:test';
import {
	describeGrowth,
	formatFigure,
	formatScaleTable,
	parseScaleFlag,
	scalePoolSize,
} from '../../bench/scale-growth.js';

test('a whole-set cost is linear, better or worse by its power-law exponent', () => {
	assert.equal(describeGrowth('total', 100, 960, 10), '×9.6 for ×10 files: linear');
	assert.equal(describeGrowth('total', 100, 300, 10), '×3.0 for ×10 files: better than linear');
	assert.equal(describeGrowth('total', 100, 2500, 10), '×25 for ×10 files: worse than linear');
	// The same verdict on a quick run at twice the files.
	assert.equal(describeGrowth('total', 100, 200, 2), '×2.0 for ×2.0 files: linear');
	assert.equal(describeGrowth('total', 100, 300, 2), '×3.0 for ×2.0 files: worse than linear');
});

test('a per-key cost is flat or grows; a rate that holds means a linear total', () => {
	assert.equal(describeGrowth('flat', 3.1, 3.4, 10), '×1.1 for ×10 files: flat');
	assert.equal(describeGrowth('flat', 3, 9, 10), '×3.0 for ×10 files: grows with the files');
	assert.equal(describeGrowth('rate', 280, 270, 10), '×0.96 for ×10 files: linear');
	assert.equal(describeGrowth('rate', 280, 28, 10), '×0.10 for ×10 files: worse than linear');
	assert.equal(describeGrowth('rate', 280, 700, 10), '×2.5 for ×10 files: better than linear');
});

test('no verdict without two measured values', () => {
	assert.equal(describeGrowth('total', 'reused', 'reused', 10), '-');
	assert.equal(describeGrowth('total', 100, 'failed: timed out', 10), '-');
	assert.equal(describeGrowth('total', 0, 100, 10), '-');
	assert.equal(describeGrowth('total', Number.NaN, 100, 10), '-');
	assert.equal(describeGrowth('total', 100, 150, 1), '×1.5');
});

test('figures in their units', () => {
	assert.equal(formatFigure(2345, 'ms'), '2.35 s');
	assert.equal(formatFigure(150 * 1024 * 1024, 'bytes'), '150.0 MiB');
	assert.equal(formatFigure(2544.4, 'per-second'), '2,544/s');
	assert.equal(formatFigure('reused', 'ms'), 'reused');
});

test('the table aligns its columns and keeps long failures to their cell', () => {
	const table = formatScaleTable(
		[
			{figure: 'full scan', unit: 'ms', kind: 'total', small: 120, large: 1150},
			{
				figure: 'keypress p50',
				unit: 'ms',
				kind: 'flat',
				small: 3.1,
				large: 'failed: timed out waiting for the first image after sixty seconds',
			},
		],
		10_000,
		100_000,
	);
	const lines = table.split('\n');
	assert.equal(lines.length, 3);
	assert.match(lines[0] ?? '', /figure\s+10,000 files\s+100,000 files\s+growth/);
	assert.match(lines[1] ?? '', /full scan\s+120 ms\s+1\.15 s\s+×9\.6 for ×10 files: linear/);
	assert.match(lines[2] ?? '', /keypress p50\s+3\.1 ms\s+failed: timed…\s+-$/);
	const growthColumn = (line: string) =>
		line.indexOf('×') === -1 ? line.lastIndexOf('-') : line.indexOf('×');
	assert.equal(growthColumn(lines[1] ?? ''), growthColumn(lines[2] ?? ''));
});

test('--scale takes a whole number of files from 10,000 up', () => {
	assert.equal(parseScaleFlag(['--quick']), undefined);
	assert.equal(parseScaleFlag(['--scale', '100000']), 100_000);
	assert.equal(parseScaleFlag(['--scale=20000']), 20_000);
	assert.equal(parseScaleFlag(['--scale', '100_000']), 100_000);
	assert.throws(() => parseScaleFlag(['--scale', '5000']), /at least 10,000, got "5000"/);
	assert.throws(() => parseScaleFlag(['--scale']), /got ""/);
	assert.throws(() => parseScaleFlag(['--scale', '1e5.5']), /whole number/);
});

test('the pool grows with the set, so near-copy groups keep their size, within bounds', () => {
	assert.equal(scalePoolSize(10_000), 200);
	assert.equal(scalePoolSize(20_000), 400);
	assert.equal(scalePoolSize(100_000), 2000);
	assert.equal(scalePoolSize(1_000_000), 2000);
	assert.equal(scalePoolSize(100), 200);
});
