import assert from 'node:assert/strict';
import {writeFile} from 'node:fs/promises';
import path from 'node:path';
import {test} from 'node:test';
import {inspect} from 'node:util';
import {connectS3} from '../../../source/sources/s3/connect.js';
import {listObjects} from '../../../source/sources/s3/list.js';
import {backoffMs} from '../../../source/sources/s3/retry.js';
import {S3RequestError} from '../../../source/sources/s3/s3-errors.js';
import {bucket} from '../../helpers/s3-fixture.js';
import {s3rverCredentials, startS3Server} from '../../helpers/s3-server.js';
import {makeTempDir} from '../../helpers/temp-dir.js';

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

test('--profile takes keys and region from the AWS files, as the SDK chain does', async (t) => {
	const server = await startS3Server(t);
	await server.createBucket(bucket);
	await server.put(bucket, 'day/a.jpg', 'x');
	const dir = await makeTempDir(t);
	const credentials = path.join(dir, 'credentials');
	const config = path.join(dir, 'config');
	await writeFile(
		credentials,
		`[lab]\naws_access_key_id = ${s3rverCredentials.accessKeyId}\naws_secret_access_key = ${s3rverCredentials.secretAccessKey}\n`,
	);
	await writeFile(config, '[profile lab]\nregion = eu-west-1\n');
	const saved = {...process.env};
	t.after(() => {
		for (const name of [
			'AWS_ACCESS_KEY_ID',
			'AWS_SECRET_ACCESS_KEY',
			'AWS_REGION',
			'AWS_SHARED_CREDENTIALS_FILE',
			'AWS_CONFIG_FILE',
		]) {
			if (saved[name] === undefined) {
				delete process.env[name];
			} else {
				process.env[name] = saved[name];
			}
		}
	});
	delete process.env['AWS_ACCESS_KEY_ID'];
	delete process.env['AWS_SECRET_ACCESS_KEY'];
	delete process.env['AWS_REGION'];
	process.env['AWS_SHARED_CREDENTIALS_FILE'] = credentials;
	process.env['AWS_CONFIG_FILE'] = config;

	const connection = connectS3({endpoint: server.endpoint, profile: 'lab'});
	t.after(() => connection.close());
	const first = await listObjects(connection.client, {bucket, prefix: 'day/'}).next();
	assert.deepEqual(first.done ? [] : first.value.map((object) => object.key), ['day/a.jpg']);

	const missing = connectS3({endpoint: server.endpoint, profile: 'nosuch'});
	t.after(() => missing.close());
	const error = await listObjects(missing.client, {bucket, prefix: 'day/'})
		.next()
		.then(
			() => assert.fail('a missing profile has no credentials'),
			(caught: unknown) => caught,
		);
	assert.ok(error instanceof S3RequestError);
	assert.equal(error.failure.kind, 'fatal');
	assert.match(error.message, /credentials/);
});
