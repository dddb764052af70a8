import assert from 'node:assert/strict';
import path from 'node:path';
import {test} from 'node:test';
import {isUserError} from '../../../source/shared/user-error.js';
import {connectS3} from '../../../source/sources/s3/connect.js';
import {
	isS3Url,
	parseS3Location,
	stateFolder,
	stateFolderName,
} from '../../../source/sources/s3/location.js';

test('parses a bucket and a prefix, adding the trailing slash of a folder', () => {
	assert.deepEqual(parseS3Location('s3://bucket/review/20190303/'), {
		bucket: 'bucket',
		prefix: 'review/20190303/',
	});
	assert.deepEqual(parseS3Location('s3://bucket/review/20190303'), {
		bucket: 'bucket',
		prefix: 'review/20190303/',
	});
	assert.deepEqual(parseS3Location('S3://my.bucket-1'), {bucket: 'my.bucket-1', prefix: ''});
	assert.deepEqual(parseS3Location('s3://my.bucket-1/'), {bucket: 'my.bucket-1', prefix: ''});
	assert.equal(isS3Url('./photos'), false);
	assert.equal(isS3Url('s3://b'), true);
});

test('bad locations are user errors that say what is wrong', () => {
	const cases: Array<[string, RegExp]> = [
		['s3://', /names no bucket/],
		['s3://Bad_Bucket/x/', /not a valid bucket name/],
		['s3://ab/x/', /not a valid bucket name/],
		['s3://bucket/a//b/', /empty, "\." or "\.\." parts/],
		['s3://bucket/a/../b/', /empty, "\." or "\.\." parts/],
		['s3://bucket/a\u001b[2Jb/', /control characters/],
		['https://bucket/x', /is not an S3 location/],
	];
	for (const [text, reason] of cases) {
		assert.throws(
			() => parseS3Location(text),
			(error: unknown) =>
				isUserError(error) && reason.test(error.message) && !error.message.includes('\u001b'),
			text,
		);
	}
});

test('state folder names are readable and never shared by two locations', () => {
	const names = new Set(
		[
			{bucket: 'bucket', prefix: 'a/b_/'},
			{bucket: 'bucket', prefix: 'a_b/'},
			{bucket: 'bucket', prefix: 'a/b/'},
			{bucket: 'bucket-a', prefix: 'b/'},
			{bucket: 'bucket', prefix: 'a-b/'},
		].map((location) => stateFolderName(location)),
	);
	assert.equal(names.size, 5);
	const name = stateFolderName({bucket: 'bucket', prefix: 'review/20190303/'});
	assert.match(name, /^s3-bucket_review_20190303_-[0-9a-f]{10}$/);
	assert.notEqual(
		name,
		stateFolderName({bucket: 'bucket', prefix: 'review/20190303/'}, 'http://127.0.0.1:9000'),
	);
	assert.equal(
		stateFolder('/data', {bucket: 'bucket', prefix: 'review/'}),
		path.join('/data', '.labels', stateFolderName({bucket: 'bucket', prefix: 'review/'})),
	);
	const hostile = stateFolderName({
		bucket: 'bucket',
		prefix: `${'../'.repeat(3)}x/`.replaceAll('../', 'a.b/'),
	});
	assert.doesNotMatch(hostile, /\//);
});

test('an endpoint with a password in it is refused without echoing the password', () => {
	assert.throws(
		() => connectS3({endpoint: 'http://key:hunter2secret@127.0.0.1:9000'}, {}),
		(error: unknown) =>
			isUserError(error) &&
			!error.message.includes('hunter2secret') &&
			/password/.test(error.message),
	);
	assert.throws(() => connectS3({endpoint: 'ftp://127.0.0.1'}, {}), /must start with http/);
	const connection = connectS3({}, {AWS_ENDPOINT_URL: 'http://127.0.0.1:9000/'});
	assert.equal(connection.endpoint, 'http://127.0.0.1:9000');
	connection.close();
});
