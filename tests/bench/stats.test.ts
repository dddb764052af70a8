import assert from 'node:assert/strict';
import test from 'node:test';
import {formatBytes, formatMs, percentile, summarize} from '../../bench/stats.js';

test('percentiles by nearest rank, whatever the input order', () => {
	const values = Array.from({length: 100}, (_, index) => 100 - index);
	assert.equal(percentile(values, 50), 50);
	assert.equal(percentile(values, 99), 99);
	assert.equal(percentile(values, 100), 100);
	assert.equal(percentile(values, 0), 1);
	assert.equal(percentile([7], 99), 7);
	assert.ok(Number.isNaN(percentile([], 50)));
});

test('summary of many values', () => {
	const values = Array.from({length: 200_000}, (_, index) => index % 1000);
	const summary = summarize(values);
	assert.equal(summary.count, 200_000);
	assert.equal(summary.max, 999);
	assert.equal(summary.p50, 499);
	assert.equal(summary.mean, 499.5);
});

test('milliseconds and bytes read well', () => {
	assert.equal(formatMs(0.0421), '0.042 ms');
	assert.equal(formatMs(3.14), '3.1 ms');
	assert.equal(formatMs(48.4), '48 ms');
	assert.equal(formatMs(2345), '2.35 s');
	assert.equal(formatMs(Number.NaN), '-');
	assert.equal(formatBytes(512), '512 B');
	assert.equal(formatBytes(1536), '1.5 KiB');
	assert.equal(formatBytes(7_364_989_967), '6.9 GiB');
});
