import assert from 'node:assert/strict';
import {stat} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {parseByteSize, resolveS3Target} from '../../source/app/s3-target.js';
import {isUserError} from '../../source/shared/user-error.js';
import {makeTempDir} from '../helpers/temp-dir.js';

test('cache sizes read in binary units; nonsense is a user error', () => {
	assert.equal(parseByteSize('2GB'), 2 * 1024 ** 3);
	assert.equal(parseByteSize('500 mb'), 500 * 1024 ** 2);
	assert.equal(parseByteSize('1.5g'), 1.5 * 1024 ** 3);
	assert.equal(parseByteSize('4096'), 4096);
	for (const bad of ['', 'lots', '-1GB', '2XB', '0']) {
		assert.throws(
			() => parseByteSize(bad),
			(error: unknown) => isUserError(error) && /--cache-size/.test(error.message),
			bad,
		);
	}
});

test('a target makes its state folder under --state, one per endpoint, bucket and prefix', async (t) => {
	const state = await makeTempDir(t);
	const target = await resolveS3Target('s3://bucket/review/20190303', {
		state,
		endpoint: 'http://127.0.0.1:9000',
		cacheSize: '1GB',
		prefetch: 16,
	});
	assert.deepEqual(target.location, {bucket: 'bucket', prefix: 'review/20190303/'});
	assert.equal(path.dirname(target.stateDir), path.join(state, '.labels'));
	assert.ok((await stat(target.stateDir)).isDirectory());
	assert.equal(target.cacheBytes, 1024 ** 3);
	assert.equal(target.prefetch, 16);
	assert.equal(target.connect.endpoint, 'http://127.0.0.1:9000');
	const elsewhere = await resolveS3Target('s3://bucket/review/20190303/', {
		state,
		endpoint: 'http://127.0.0.1:9001',
	});
	assert.notEqual(elsewhere.stateDir, target.stateDir);
	await assert.rejects(
		resolveS3Target('s3://bucket/x/', {state, prefetch: -1}),
		/--prefetch must be/,
	);
});
