import assert from 'node:assert/strict';
import {test} from 'node:test';
import {inspect} from 'node:util';
import {connectS3} from '../../../source/sources/s3/connect.js';
import {listObjects} from '../../../source/sources/s3/list.js';
import {backoffMs} from '../../../source/sources/s3/retry.js';
import {S3RequestError} from '../../../source/sources/s3/s3-errors.js';
import {bucket} from '../../helpers/s3-fixture.js';
import {startS3Server} from '../../helpers/s3-server.js';

const secret = 'wJalrXUtnFEMI-K7MDENG-bPxRfiCYSECRET';

test('a refused secret makes a clear error that never contains the secret', async (t) => {
	const server = await startS3Server(t);
	await server.createBucket(bucket);
	const env = {...process.env};
	process.env['AWS_ACCESS_KEY_ID'] = 'AKIAWRONGKEY';
	process.env['AWS_SECRET_ACCESS_KEY'] = secret;
	t.after(() => {
		process.env['AWS_ACCESS_KEY_ID'] = env['AWS_ACCESS_KEY_ID'];
		process.env['AWS_SECRET_ACCESS_KEY'] = env['AWS_SECRET_ACCESS_KEY'];
	});
	const connection = connectS3({endpoint: server.endpoint});
	t.after(() => connection.close());
	const error = await listObjects(connection.client, {bucket, prefix: ''})
		.next()
		.then(
			() => assert.fail('the listing should be refused'),
			(caught: unknown) => caught,
		);
	assert.ok(error instanceof S3RequestError);
	assert.equal(error.failure.kind, 'fatal');
	assert.match(
		error.message,
		/refused the credentials \(InvalidAccessKeyId, HTTP 403\); check AWS_PROFILE/,
	);
	assert.ok(!error.message.includes(secret));
	assert.ok(!inspect(error, {depth: 8}).includes(secret), 'nor does anything the error carries');
});

test('backoff grows exponentially under a ceiling, with full jitter', () => {
	const policy = {attempts: 6, baseMs: 100, maxMs: 1000};
	assert.deepEqual(
		[0, 1, 2, 3, 4].map((retry) => backoffMs({...policy, random: () => 0.999}, retry)),
		[99, 199, 399, 799, 999],
	);
	assert.equal(backoffMs({...policy, random: () => 0}, 4), 0);
});
