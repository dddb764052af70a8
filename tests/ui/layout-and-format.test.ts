import assert from 'node:assert/strict';
import test from 'node:test';
import {
	formatCount,
	formatDimensions,
	formatDuration,
	formatFileSize,
	formatPercent,
	formatRate,
} from '../../source/ui/format.js';
import {formatKeys, keysFor} from '../../source/ui/key-labels.js';
import {layoutFor, sidePanelWidth} from '../../source/ui/layout.js';

test('layout: the image takes everything left of the panel, one row short of the terminal', () => {
	assert.deepEqual(layoutFor({columns: 120, rows: 40}), {
		kind: 'full',
		terminal: {columns: 120, rows: 40},
		frameRows: 39,
		imageArea: {columns: 120 - sidePanelWidth - 1, rows: 39},
		imageOrigin: {top: 0, left: 0},
	});
	assert.equal(layoutFor({columns: 50, rows: 12}).kind, 'full');
	assert.equal(layoutFor({columns: 49, rows: 12}).kind, 'too-small');
	assert.equal(layoutFor({columns: 50, rows: 11}).kind, 'too-small');
});

test('file sizes read like a file manager', () => {
	assert.equal(formatFileSize(0), '0 B');
	assert.equal(formatFileSize(1023), '1023 B');
	assert.equal(formatFileSize(1536), '1.5 KB');
	assert.equal(formatFileSize(350 * 1024), '350 KB');
	assert.equal(formatFileSize(2_202_010), '2.1 MB');
	assert.equal(formatFileSize(5 * 1024 ** 3), '5.0 GB');
});

test('counts print as Intl prints en-US integers, without Intl', () => {
	const intl = new Intl.NumberFormat('en-US', {maximumFractionDigits: 0});
	const values = [
		0,
		-0,
		0.5,
		-0.4,
		-0.5,
		2.5,
		999,
		999.5,
		1000,
		12_345.678,
		-1_234_567.5,
		89_075,
		100_000,
		2 ** 53 + 2,
		1e21,
		-3.2e22,
		Number.POSITIVE_INFINITY,
		Number.NEGATIVE_INFINITY,
		Number.NaN,
	];
	for (let power = 0; power < 16; power++) values.push(10 ** power - 1, 10 ** power + 0.49);
	for (const value of values) assert.equal(formatCount(value), intl.format(value), String(value));
});

test('durations, rates, percentages and dimensions', () => {
	assert.equal(formatDuration(undefined), '–');
	assert.equal(formatDuration(45_000), '45s');
	assert.equal(formatDuration(95_000), '1m 35s');
	assert.equal(formatDuration(5_400_000), '1h 30m');
	assert.equal(formatRate(undefined), '–/h');
	assert.equal(formatRate(1234.4), '1,234/h');
	assert.equal(formatPercent(0.256), '26%');
	assert.equal(formatDimensions(4032, 3024), '4032 × 3024');
	assert.equal(formatDimensions(undefined, 3024), '? × ?');
});

test('key labels collapse digit runs and use display names', () => {
	assert.equal(formatKeys(['1', '2', '3', '4']), '1–4');
	assert.equal(formatKeys(['u', 'backspace']), 'u / Backspace');
	assert.equal(formatKeys(['1', '3', '5']), '1 / 3 / 5');
	assert.equal(keysFor('quit'), 'q / Ctrl-C');
});
