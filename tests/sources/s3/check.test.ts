import assert from 'node:assert/strict';
import {test} from 'node:test';
import {maxInputPixels} from '../../../source/image/index.js';
import {exactDuplicateGroups} from '../../../source/scan/groups.js';
import {checkS3Prefix} from '../../../source/sources/s3/check.js';
import {bucket, sampleBytes, uploadSamples} from '../../helpers/s3-fixture.js';
import {startS3Server} from '../../helpers/s3-server.js';
import {makeTempDir} from '../../helpers/temp-dir.js';

test('check on a prefix: exact copies by SHA-1, broken images by decode; a second check downloads nothing', async (t) => {
	const server = await startS3Server(t);
	await server.createBucket(bucket);
	await uploadSamples(server, 'day/', 4);
	const jpeg = await sampleBytes('img_0001.jpg');
	await server.put(bucket, 'day/zz-copy-of-first.jpg', jpeg);
	await server.put(bucket, 'day/cut.jpg', jpeg.subarray(0, Math.floor(jpeg.length / 2)));
	await server.put(bucket, 'day/labeled/photo/done.jpg', jpeg);
	const stateDir = await makeTempDir(t);
	let downloads = 0;
	const run = () =>
		checkS3Prefix({
			connection: server.connection,
			location: {bucket, prefix: 'day/'},
			stateDir,
			ignore: ['day/labeled/'],
			maxPixels: maxInputPixels,
			onProgress: (_done, _found, downloaded) => {
				downloads = downloaded;
			},
		});

	const first = await run();
	assert.equal(first.files.length, 6);
	assert.equal(downloads, 6);
	assert.ok(first.files.every((file) => !file.cached));
	const groups = exactDuplicateGroups(first.files);
	assert.deepEqual(
		groups.map((group) => group.paths),
		[['000-img_0001.jpg', 'zz-copy-of-first.jpg']],
	);
	const cut = first.files.find((file) => file.path === 'cut.jpg');
	assert.equal(cut?.reason, 'truncated', cut?.detail);
	assert.doesNotMatch(cut?.detail ?? '', /imgsift-check-s3-/, 'the scratch file is not named');

	downloads = 0;
	const second = await run();
	assert.equal(downloads, 0, 'every result came from the cache, keyed by ETag');
	assert.ok(second.files.every((file) => file.cached));
	assert.deepEqual(
		second.files.map((file) => [file.path, file.sha1, file.reason]),
		first.files.map((file) => [file.path, file.sha1, file.reason]),
	);

	// A replaced object has a new ETag: only it is downloaded again.
	await server.put(bucket, 'day/cut.jpg', jpeg);
	downloads = 0;
	const third = await run();
	assert.equal(downloads, 1);
	assert.equal(third.files.find((file) => file.path === 'cut.jpg')?.reason, undefined);
	assert.equal(exactDuplicateGroups(third.files)[0]?.paths.length, 3);
});
