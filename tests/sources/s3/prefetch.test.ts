import assert from 'node:assert/strict';
import {stat} from 'node:fs/promises';
import {test} from 'node:test';
import {DeleteObjectCommand} from '@aws-sdk/client-s3';
import {OfflineError, UnreadableObjectError} from '../../../source/sources/s3/prefetcher.js';
import {openS3Source, type S3Source} from '../../../source/sources/s3/s3-source.js';
import {startFaultProxy} from '../../helpers/fault-proxy.js';
import {bucket, sampleBytes, uploadSamples} from '../../helpers/s3-fixture.js';
import {startS3Server} from '../../helpers/s3-server.js';
import {makeTempDir} from '../../helpers/temp-dir.js';

const fastRetry = {attempts: 3, baseMs: 1, maxMs: 5};

async function listAll(source: S3Source): Promise<string[]> {
	const paths: string[] = [];
	for await (const batch of source.list({pageSize: 5})) {
		paths.push(...batch);
	}

	return paths;
}

test('the next objects are downloaded ahead, hashed, and kept as view copies only', async (t) => {
	const server = await startS3Server(t);
	await server.createBucket(bucket);
	await uploadSamples(server, 'day/', 12);
	const source = await openS3Source({
		location: {bucket, prefix: 'day/'},
		connect: {endpoint: server.endpoint},
		cacheDir: await makeTempDir(t),
		ahead: 8,
		retry: fastRetry,
	});
	t.after(() => source.close());
	const paths = await listAll(source);
	assert.equal(paths.length, 12);

	const first = await source.load(paths[0] ?? '');
	source.ahead(paths.slice(1));
	await source.prefetcher.idle();
	assert.equal(source.fetcher.downloads(), 9, 'the cursor and the 8 after it');
	for (const itemPath of paths.slice(1, 9)) {
		assert.ok(await source.fetcher.cached(source.objects.get(itemPath) ?? assert.fail()), itemPath);
	}

	assert.equal(
		await source.fetcher.cached(source.objects.get(paths[9] ?? '') ?? assert.fail()),
		undefined,
	);
	// The original (a 1.4 MB JPEG for some samples) is not kept: only a display-sized copy.
	const object = source.objects.get(paths[0] ?? '') ?? assert.fail();
	assert.equal(first.original.size, object.size);
	assert.match(first.original.sha1, /^[0-9a-f]{40}$/);
	assert.ok(first.original.width > 0 && first.original.height > 0);
	assert.ok((await stat(first.file)).size < object.size || object.size < 200_000);
	// Loading the prefetched ones downloads nothing more.
	for (const itemPath of paths.slice(1, 9)) {
		await source.load(itemPath);
	}

	assert.equal(source.fetcher.downloads(), 9);
});

test('an object deleted mid-session is marked unreadable with the reason; the rest load', async (t) => {
	const server = await startS3Server(t);
	await server.createBucket(bucket);
	const keys = await uploadSamples(server, 'day/', 6);
	const jpeg = await sampleBytes('img_0001.jpg');
	await server.put(bucket, 'day/zz-cut.jpg', jpeg.subarray(0, 2000));
	const source = await openS3Source({
		location: {bucket, prefix: 'day/'},
		connect: {endpoint: server.endpoint},
		cacheDir: await makeTempDir(t),
		retry: fastRetry,
	});
	t.after(() => source.close());
	const paths = await listAll(source);
	await server.connection.client.send(new DeleteObjectCommand({Bucket: bucket, Key: keys[2]}));
	source.ahead(paths);
	await source.prefetcher.idle();
	assert.match(
		source.prefetcher.unreadable().get(keys[2] ?? '') ?? '',
		/not found \(NoSuchKey, HTTP 404\)/,
	);
	await assert.rejects(source.load(paths[2] ?? ''), UnreadableObjectError);
	const cut = source.prefetcher.unreadable().get('day/zz-cut.jpg') ?? '';
	assert.match(cut, /s3:\/\/review-bucket\/day\/zz-cut\.jpg/);
	assert.doesNotMatch(cut, /\.tmp/, 'the temp file is not named');
	await assert.rejects(source.load('zz-cut.jpg'), UnreadableObjectError);
	for (const itemPath of paths.filter((_, index) => index !== 2 && index !== 6)) {
		assert.ok(await source.load(itemPath), itemPath);
	}

	assert.equal(source.network.state(), 'online');
});

test('a lost network shows as offline, labeling goes on from the cache, and the queue resumes', async (t) => {
	const server = await startS3Server(t);
	await server.createBucket(bucket);
	await uploadSamples(server, 'day/', 6);
	const proxy = await startFaultProxy(server.endpoint, t);
	const source = await openS3Source({
		location: {bucket, prefix: 'day/'},
		connect: {endpoint: proxy.endpoint},
		cacheDir: await makeTempDir(t),
		ahead: 2,
		retry: fastRetry,
	});
	t.after(() => source.close());
	const paths = await listAll(source);
	const states: string[] = [];
	source.network.subscribe((state) => states.push(state));
	await source.load(paths[0] ?? '');
	source.ahead(paths.slice(1));
	await source.prefetcher.idle();

	await proxy.stop();
	await assert.rejects(source.load(paths[4] ?? ''), OfflineError);
	assert.equal(source.network.state(), 'offline');
	// Cached ones still load at once, offline.
	assert.ok(await source.load(paths[1] ?? ''));
	assert.ok(await source.load(paths[2] ?? ''));
	await assert.rejects(
		source.load(paths[3] ?? ''),
		/not downloaded yet and the store cannot be reached/,
	);
	source.ahead(paths.slice(3));

	await proxy.start();
	await source.network.whenOnline();
	await source.prefetcher.idle();
	assert.deepEqual(states, ['offline', 'online']);
	assert.ok(
		await source.fetcher.cached(source.objects.get(paths[3] ?? '') ?? assert.fail()),
		'the queue resumed',
	);
	assert.ok(await source.load(paths[4] ?? ''));
	assert.equal(
		source.prefetcher.unreadable().size,
		0,
		'nothing was marked unreadable by the outage',
	);
});

test('a download answered 503 is retried with backoff and succeeds', async (t) => {
	const server = await startS3Server(t);
	await server.createBucket(bucket);
	await uploadSamples(server, 'day/', 1);
	const proxy = await startFaultProxy(server.endpoint, t);
	const source = await openS3Source({
		location: {bucket, prefix: 'day/'},
		connect: {endpoint: proxy.endpoint},
		cacheDir: await makeTempDir(t),
		retry: {attempts: 4, baseMs: 1, maxMs: 5},
	});
	t.after(() => source.close());
	const [itemPath = ''] = await listAll(source);
	let failures = 2;
	proxy.setRule((request) =>
		request.method === 'GET' && !request.url?.includes('list-type') && failures-- > 0
			? {status: 503}
			: undefined,
	);
	assert.ok(await source.load(itemPath));
	const gets = proxy.seen.filter((line) => line.startsWith('GET') && !line.includes('list-type'));
	assert.equal(gets.length, 3, 'two 503s, then the download');
});

test('a download that times out is retried, and the retry succeeds', async (t) => {
	const server = await startS3Server(t);
	await server.createBucket(bucket);
	await uploadSamples(server, 'day/', 1);
	const proxy = await startFaultProxy(server.endpoint, t);
	const source = await openS3Source({
		location: {bucket, prefix: 'day/'},
		connect: {endpoint: proxy.endpoint, requestTimeoutMs: 300},
		cacheDir: await makeTempDir(t),
		retry: {attempts: 3, baseMs: 1, maxMs: 5},
	});
	t.after(() => source.close());
	const [itemPath = ''] = await listAll(source);
	let stalls = 1;
	proxy.setRule((request) =>
		request.method === 'GET' && !request.url?.includes('list-type') && stalls-- > 0
			? {delayMs: 2000}
			: undefined,
	);
	assert.ok(await source.load(itemPath));
	const gets = proxy.seen.filter((line) => line.startsWith('GET') && !line.includes('list-type'));
	assert.equal(gets.length, 2, 'the stalled request, then the retry');
	assert.equal(source.network.state(), 'online');
});
