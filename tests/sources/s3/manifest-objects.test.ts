import assert from 'node:assert/strict';
import {writeFile} from 'node:fs/promises';
import path from 'node:path';
import {test} from 'node:test';
import type {ListedObject} from '../../../source/sources/s3/list.js';
import {manifestObjects} from '../../../source/sources/s3/manifest-objects.js';
import {bucket, uploadSamples} from '../../helpers/s3-fixture.js';
import {startS3Server} from '../../helpers/s3-server.js';
import {makeTempDir} from '../../helpers/temp-dir.js';

test('an s3:// input manifest gives its objects in line order, with what a listing would give', async (t) => {
	const server = await startS3Server(t);
	await server.createBucket(bucket);
	const keys = await uploadSamples(server, 'day/', 4);
	await server.put(bucket, 'other/x.jpg', 'another prefix');
	const manifest = path.join(await makeTempDir(t), 'input.manifest');
	const lines = [
		{'source-ref': `s3://${bucket}/${keys[2]}`, 'batch-id': 'b0'},
		{'source-ref': `s3://${bucket}/${keys[0]}`},
		{'source-ref': `s3://${bucket}/day/not-there.jpg`},
		{'source-ref': `s3://${bucket}/other/x.jpg`},
		{'source-ref': 's3://another-bucket/day/y.jpg'},
		{'source-ref': '/local/file.jpg'},
		{'source-ref': `s3://${bucket}/${keys[0]}`},
		{'source-ref': `s3://${bucket}/${keys[3]}`},
		{'source-ref': `s3://${bucket}/day/moved-away.jpg`},
	];
	await writeFile(manifest, lines.map((line) => `${JSON.stringify(line)}\n`).join(''));
	const found: ListedObject[] = [];
	const problems: string[] = [];
	const paths: string[] = [];
	for await (const batch of manifestObjects(manifest, {
		client: server.connection.client,
		location: {bucket, prefix: 'day/'},
		found: (object) => found.push(object),
		onProblem: (where, reason) => problems.push(`${where}: ${reason}`),
		// Committed earlier: its key is gone on purpose, and no problem is told.
		moved: (itemPath) => itemPath === 'moved-away.jpg',
		policy: {attempts: 1, baseMs: 1, maxMs: 1},
	})) {
		paths.push(...batch);
	}

	assert.deepEqual(paths, ['002-img_0022.png', '000-img_0001.jpg', '003-img_0003.jpg']);
	const first = found.find((object) => object.key === keys[2]);
	assert.ok(first && first.size > 0 && /^"[0-9a-f]{32}"$/.test(first.etag), JSON.stringify(first));
	assert.ok((first?.lastModifiedMs ?? 0) > 0);
	assert.equal(problems.length, 4, problems.join('\n'));
	assert.match(
		problems.join('\n'),
		/day\/not-there\.jpg: Cannot read .*404|not-there\.jpg.*(404|not found)/i,
	);
	assert.match(problems.join('\n'), /other\/x\.jpg: is not under s3:\/\/review-bucket\/day\//);
	assert.match(problems.join('\n'), /another-bucket\/day\/y\.jpg: is not under/);
	assert.match(
		problems.join('\n'),
		/input\.manifest:6: source-ref \/local\/file\.jpg is not an s3:\/\/ object/,
	);
});
