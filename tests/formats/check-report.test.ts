import assert from 'node:assert/strict';
import path from 'node:path';
import test from 'node:test';
import {
	buildCheckReport,
	buildCheckReportOutline,
	type CheckReport,
} from '../../source/formats/check-report.js';
import {formatBytes, formatCheckReport} from '../../source/formats/check-report-text.js';
import {checkReasons} from '../../source/image/validate.js';
import {checkFolder} from '../../source/scan/check.js';
import {createNearJudge} from '../../source/scan/near-judge.js';
import {jsonChunks, LazyArray} from '../../source/shared/json-chunks.js';
import {samplePhoto, writeBytes} from '../helpers/check-files.js';
import {checkAndReport, makeCheckFolder} from '../helpers/check-fixture.js';
import {makeTempDir} from '../helpers/temp-dir.js';

test('the JSON document has the documented shape, and survives a round trip', async (t) => {
	const dir = await makeTempDir(t);
	await makeCheckFolder(dir);
	const report = await checkAndReport(dir);
	const parsed = JSON.parse(JSON.stringify(report)) as CheckReport;
	assert.deepEqual(parsed, report);
	assert.deepEqual(Object.keys(parsed).sort(), [
		'complete',
		'dir',
		'duplicateGroups',
		'files',
		'nearGroups',
		'out',
		'schema',
		'settings',
		'skipped',
		'summary',
		'walkProblems',
		'warnings',
	]);
	assert.deepEqual(Object.keys(parsed.summary.brokenByReason).sort(), [...checkReasons].sort());
	assert.deepEqual(parsed.settings, {
		maxPixels: 100_000_000,
		nearDistance: 12,
		contentHash: 'sha1',
		perceptualHash: 'phash-64',
		nearMaxDifference: 6,
	});
	const original = parsed.files.find((file) => file.path === 'photos/original.jpg');
	assert.equal(original?.status, 'ok');
	assert.match(original?.sha1 ?? '', /^[0-9a-f]{40}$/);
	assert.match(original?.dhash ?? '', /^[0-9a-f]{16}$/);
	assert.equal(original?.duplicateGroup, 1);
	assert.equal(original?.nearGroup, 1);
	const copy = parsed.files.find((file) => file.path === 'photos/saved-twice.jpg');
	assert.deepEqual([copy?.status, copy?.duplicateOf], ['duplicate', 'photos/original.jpg']);
	const cut = parsed.files.find((file) => file.path === 'broken/cut.png');
	assert.deepEqual([cut?.status, cut?.reason, cut?.dhash], ['broken', 'truncated', undefined]);
});

test('the human report shows the summary table, the broken files with reasons, and the groups', async (t) => {
	const dir = await makeTempDir(t);
	await makeCheckFolder(dir);
	const text = formatCheckReport(await checkAndReport(dir));
	assert.match(text, /^ {2}files +16$/m);
	assert.match(
		text,
		/^ {2}broken +10 {2}empty 1, truncated 4, corrupt 1, not-an-image 2, unsupported-format 1, too-many-pixels 1$/m,
	);
	assert.match(text, /^ {2}duplicate groups +1 {2}1 extra copy, 186 KB to free$/m);
	assert.match(text, /^ {2}near-dup groups +1 {2}4 images within 12 bits$/m);
	assert.match(text, /^ {2}too-many-pixels +broken\/bomb\.png: 30000×30000 = 900 MP/m);
	assert.match(text, /^ {2}corrupt +broken\/bad-crc\.png: PNG chunk IDAT/m);
	assert.match(text, /^ {4}unsupported-format +convert it to JPEG or PNG$/m);
	assert.match(text, /^ {2}1\. +186 KB {2}photos\/original\.jpg$/m);
	assert.match(text, /^ {17}photos\/saved-twice\.jpg {2}\(copy\)$/m);
	assert.match(text, /^ {7}photos\/near\/small\.jpg {2}d=\d+ diff=[\d.]+$/m);
	assert.match(text, /--quarantine/);
});

test('control characters in names and details are escaped, never sent to the terminal', async (t) => {
	const dir = await makeTempDir(t);
	await writeBytes(path.join(dir, 'evil\u001b]0;owned\u0007.jpg'), 'not\u001b[2J an image');
	await writeBytes(path.join(dir, 'twin\n1.jpg'), await samplePhoto());
	await writeBytes(path.join(dir, 'twin\n2.jpg'), await samplePhoto());
	const text = formatCheckReport(await checkAndReport(dir));
	assert.doesNotMatch(text, /[\u0000-\u0009\u000b-\u001f\u007f]/);
	assert.match(
		text,
		/evil\\x1b\]0;owned\\x07\.jpg: no known image format; it starts with bytes 6e 6f 74 1b/,
	);
	assert.match(text, /twin\\n1\.jpg/);
});

test('bytes read as people do', () => {
	assert.equal(formatBytes(0), '0 B');
	assert.equal(formatBytes(999), '999 B');
	assert.equal(formatBytes(185_980), '186 KB');
	assert.equal(formatBytes(1_500_000), '1.5 MB');
	assert.equal(formatBytes(12_345_678_901), '12.3 GB');
});

test('--json writes the outline, files made as written, exactly as the whole report', async (t) => {
	const dir = await makeTempDir(t);
	await makeCheckFolder(dir);
	for (let index = 0; index < 300; index++) {
		await writeBytes(path.join(dir, 'many', `note-${index}.txt`), `note ${index}\n`);
	}

	const out = path.join(dir, 'labeled');
	const run = await checkFolder({dir, ignore: [out], maxPixels: 100_000_000, cacheFile: false});
	const context = {dir, out, maxPixels: 100_000_000, nearDistance: 12};
	const whole = await buildCheckReport(run, {...context, judge: createNearJudge(dir)});
	const outline = await buildCheckReportOutline(run, {...context, judge: createNearJudge(dir)});
	assert.ok(outline.files instanceof LazyArray, 'no record per file is held for the whole run');
	assert.equal(outline.files.length, 316);
	const text = (value: unknown) => [...jsonChunks(value, 2)].join('');
	const elapsed = /"elapsedMs": \d+/;
	assert.equal(text(outline).replace(elapsed, ''), text(whole).replace(elapsed, ''));
	assert.deepEqual(outline.summary.brokenByReason, whole.summary.brokenByReason);
	assert.equal(outline.summary.broken, 310);
});
