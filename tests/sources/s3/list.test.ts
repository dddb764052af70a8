import assert from 'node:assert/strict';
import {test} from 'node:test';
import {connectS3} from '../../../source/sources/s3/connect.js';
import {listObjects} from '../../../source/sources/s3/list.js';
import {startFaultProxy} from '../../helpers/fault-proxy.js';
import {bucket, uploadSamples} from '../../helpers/s3-fixture.js';
import {startS3Server} from '../../helpers/s3-server.js';

test('listing streams page by page: the first batch arrives before the listing ends', async (t) => {
	const server = await startS3Server(t);
	await server.createBucket(bucket);
	const keys = await uploadSamples(server, 'review/20190303/', 7);
	await server.put(bucket, 'review/20190303/notes.txt', 'not an image');
	await server.put(bucket, 'review/20190303/.hidden.jpg', 'hidden');
	await server.put(bucket, 'review/20190303/labeled/photo/old.jpg', 'already labeled');
	await server.put(bucket, 'review/20190304/other-day.jpg', 'another prefix');
	const proxy = await startFaultProxy(server.endpoint, t);
	const connection = connectS3({endpoint: proxy.endpoint});
	t.after(() => connection.close());

	const listing = listObjects(
		connection.client,
		{bucket, prefix: 'review/20190303/'},
		{
			pageSize: 2,
			ignore: ['review/20190303/labeled/'],
		},
	);
	const first = await listing.next();
	const listRequests = () => proxy.seen.filter((line) => line.includes('list-type=2')).length;
	assert.equal(first.done, false);
	assert.equal(listRequests(), 1, 'one page asked for when the first batch is yielded');
	const paths = [...(first.done ? [] : first.value)];
	let result = await listing.next();
	while (!result.done) {
		paths.push(...result.value);
		result = await listing.next();
	}

	assert.deepEqual(
		paths.map((object) => object.key),
		keys,
	);
	assert.ok(paths.every((object) => object.path === object.key.slice('review/20190303/'.length)));
	assert.ok(paths.every((object) => object.size > 1000 && /^"[0-9a-f]{32}"$/.test(object.etag)));
	assert.equal(result.value.images, 7);
	assert.equal(result.value.skipped, 2, 'the text file and the hidden one');
	assert.ok(result.value.pages >= 5, `listed ${result.value.pages} pages of 2 keys`);
	assert.equal(listRequests(), result.value.pages);
});

test('a listing page answered 503 is retried, and the listing completes', async (t) => {
	const server = await startS3Server(t);
	await server.createBucket(bucket);
	await uploadSamples(server, 'day/', 3);
	const proxy = await startFaultProxy(server.endpoint, t);
	let failures = 2;
	proxy.setRule((request) =>
		request.url?.includes('list-type=2') && failures-- > 0 ? {status: 503} : undefined,
	);
	const connection = connectS3({endpoint: proxy.endpoint});
	t.after(() => connection.close());
	const retries: string[] = [];
	const found = [];
	for await (const batch of listObjects(
		connection.client,
		{bucket, prefix: 'day/'},
		{
			policy: {attempts: 4, baseMs: 1, maxMs: 5},
			onRetry: (failure) => retries.push(failure.reason),
		},
	)) {
		found.push(...batch);
	}

	assert.equal(found.length, 3);
	assert.equal(retries.length, 2);
	assert.match(retries[0] ?? '', /503/);
});
