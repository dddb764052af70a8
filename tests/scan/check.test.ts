import assert from 'node:assert/strict';
import {readFile, utimes, writeFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {checkReportSchema, hasProblems} from '../../source/formats/check-report.js';
import {checkFolder} from '../../source/scan/check.js';
import {checkCachePath} from '../../source/scan/check-cache.js';
import {samplePhoto} from '../helpers/check-files.js';
import {
	checkAndReport,
	expectedStatus,
	makeCheckFolder,
	statusByPath,
} from '../helpers/check-fixture.js';
import {copySamples, removeFolder} from '../helpers/dataset.js';
import {makeTempDir} from '../helpers/temp-dir.js';

test('the bundled samples: one exact duplicate and the three broken uploads truth.json names', async (t) => {
	const dir = await copySamples();
	t.after(() => removeFolder(dir));
	const report = await checkAndReport(dir);
	const truth = JSON.parse(
		await readFile(new URL('../../../samples/truth.json', import.meta.url), 'utf8'),
	) as Record<string, string>;
	const status = statusByPath(report);
	assert.deepEqual(Object.keys(status).sort(), Object.keys(truth).sort());
	for (const [name, label] of Object.entries(truth)) {
		const expected = label.startsWith('broken:')
			? label.slice('broken:'.length)
			: label.startsWith('duplicate-of:')
				? 'duplicate'
				: 'ok';
		assert.equal(status[name], expected, name);
	}

	assert.deepEqual(
		report.duplicateGroups.map((group) => group.paths),
		[['img_0001.jpg', 'img_0045.jpg']],
	);
	const copy = report.files.find((file) => file.path === 'img_0045.jpg');
	assert.equal(copy?.duplicateOf, 'img_0001.jpg');
	assert.equal(report.summary.duplicateBytes, copy?.size);
	assert.ok(hasProblems(report));
});

test('every kind of file gets its status, and only the near copies group together', async (t) => {
	const dir = await makeTempDir(t);
	await makeCheckFolder(dir);
	const report = await checkAndReport(dir);
	assert.deepEqual(statusByPath(report), expectedStatus);
	assert.equal(report.schema, checkReportSchema);
	assert.equal(report.summary.files, Object.keys(expectedStatus).length);
	assert.equal(report.summary.broken, 10);
	assert.deepEqual(report.summary.brokenByReason, {
		empty: 1,
		truncated: 4,
		corrupt: 1,
		'not-an-image': 2,
		'unsupported-format': 1,
		'too-many-pixels': 1,
		unreadable: 0,
	});
	assert.deepEqual(
		report.nearGroups.map((group) => group.members.map((member) => member.path)),
		[
			[
				'photos/near/recompressed.jpg',
				'photos/near/small.jpg',
				'photos/original.jpg',
				'photos/saved-twice.jpg',
			],
		],
	);
	const bomb = report.files.find((file) => file.path === 'broken/bomb.png');
	assert.equal(bomb?.width, 30_000);
	const heic = report.files.find((file) => file.path === 'broken/phone.heic');
	assert.match(heic?.detail ?? '', /^HEIC image/);
	const page = report.files.find((file) => file.path === 'broken/page.jpg');
	assert.equal(page?.sha1?.length, 40, 'broken files still have a content hash');
});

test('a second run takes everything from the cache; a changed file is checked again', async (t) => {
	const dir = await makeTempDir(t);
	await makeCheckFolder(dir);
	const first = await checkAndReport(dir);
	assert.equal(first.summary.fromCache, 0);
	const second = await checkAndReport(dir);
	assert.equal(second.summary.fromCache, second.summary.files);
	assert.equal(second.summary.bytesRead, 0);
	const withoutCacheFlag = (files: typeof first.files) =>
		files.map(({cached: _cached, ...rest}) => rest);
	assert.deepEqual(withoutCacheFlag(second.files), withoutCacheFlag(first.files));

	// Same size, new content: caught by the mtime.
	const photo = await samplePhoto();
	const target = path.join(dir, 'broken', 'cut-50.jpg');
	const cut = photo.subarray(0, (await readFile(target)).length);
	const repaired = Buffer.from(cut);
	repaired.set(photo.subarray(photo.length - 2), repaired.length - 2); // JPEG end marker
	await writeFile(target, repaired);
	await utimes(target, new Date(), new Date(Date.now() + 5000));
	const third = await checkAndReport(dir);
	assert.equal(third.summary.checked, 1);
	assert.equal(third.files.find((file) => file.path === 'broken/cut-50.jpg')?.cached, false);
});

test('a lower pixel limit applies to cached images; a higher one rechecks files left undecoded', async (t) => {
	const dir = await makeTempDir(t);
	await makeCheckFolder(dir);
	await checkAndReport(dir);
	const strict = await checkAndReport(dir, {maxPixels: 1_000_000});
	const original = strict.files.find((file) => file.path === 'photos/original.jpg');
	assert.equal(original?.reason, 'too-many-pixels');
	assert.equal(original?.cached, true);
	assert.equal(strict.summary.checked, 0);

	const lenient = await checkAndReport(dir, {maxPixels: 1_000_000_000});
	const bomb = lenient.files.find((file) => file.path === 'broken/bomb.png');
	assert.equal(bomb?.cached, false, 'the bomb was never decoded, so it is read now');
	assert.equal(bomb?.reason, 'truncated', 'its single row of data ends early');
	assert.equal(lenient.summary.checked, 1);
});

test('an abort stops early with partial results; the cache keeps them for the next run', async (t) => {
	const dir = await makeTempDir(t);
	await makeCheckFolder(dir);
	const controller = new AbortController();
	const run = await checkFolder({
		dir,
		ignore: [path.join(dir, 'labeled')],
		maxPixels: 100_000_000,
		workers: 1,
		signal: controller.signal,
		onProgress: (progress) => {
			if (progress.done === 3) {
				controller.abort();
			}
		},
	});
	assert.equal(run.complete, false);
	assert.ok(run.files.length >= 3 && run.files.length < 16, `${run.files.length} files`);
	const cacheLines = (await readFile(checkCachePath(dir), 'utf8')).trim().split('\n');
	assert.equal(cacheLines.length, run.files.length);

	const next = await checkAndReport(dir);
	assert.equal(next.complete, true);
	assert.equal(next.summary.fromCache, run.files.length);
	assert.deepEqual(statusByPath(next), expectedStatus);
});

test('without a cache file every run reads every file', async (t) => {
	const dir = await makeTempDir(t);
	await makeCheckFolder(dir);
	for (let round = 0; round < 2; round++) {
		const run = await checkFolder({dir, ignore: [], maxPixels: 100_000_000, cacheFile: false});
		assert.ok(run.files.every((file) => !file.cached));
		assert.ok(
			run.files.some((file) => file.path.startsWith('labeled/')),
			'nothing ignored',
		);
	}

	await assert.rejects(readFile(checkCachePath(dir)), {code: 'ENOENT'});
});
