import assert from 'node:assert/strict';
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {test} from 'node:test';
import {gtManifestLines, writeGtManifest} from '../../../source/formats/gt-manifest.js';
import {decidedS3State} from '../../helpers/s3-fixture.js';
import {makeTempDir} from '../../helpers/temp-dir.js';

test('manifest mode writes one Ground Truth line per decided object and moves nothing', async (t) => {
	const state = decidedS3State([
		{path: 'b/shot.png', key: 'day/b/shot.png', size: 10, etag: '"e"', lastModifiedMs: 1},
		{path: 'a.jpg', key: 'day/a.jpg', size: 10, etag: '"f"', lastModifiedMs: 1},
	]);
	const lines = gtManifestLines(state, {
		sourceRef: (itemPath) => `s3://bkt/day/${itemPath}`,
		jobName: 'day',
	});
	const file = path.join(await makeTempDir(t), 'out', 'output.manifest');
	await writeGtManifest(file, lines);
	const parsed = (await readFile(file, 'utf8'))
		.trim()
		.split('\n')
		.map((line) => JSON.parse(line) as Record<string, unknown>);
	assert.equal(parsed.length, 2);
	assert.deepEqual(parsed[0]?.['source-ref'], 's3://bkt/day/a.jpg');
	assert.equal(parsed[0]?.['label'], 0);
	assert.equal(parsed[1]?.['label'], 1);
	const metadata = parsed[1]?.['label-metadata'] as Record<string, unknown>;
	assert.equal(metadata['class-name'], 'screenshot');
	assert.equal(metadata['type'], 'groundtruth/image-classification');
	assert.equal(metadata['job-name'], 'labeling-job/day');
	assert.match(String(metadata['creation-date']), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);
	assert.throws(
		() => gtManifestLines(state, {sourceRef: String, attribute: 'x-metadata'}),
		/cannot be a Ground Truth attribute/,
	);
});
