import assert from 'node:assert/strict';
import test from 'node:test';
import {startFaultProxy} from '../helpers/fault-proxy.js';
import {startCli} from '../helpers/pty-session.js';
import {allKeys, bucket, uploadSamples} from '../helpers/s3-fixture.js';
import {s3rverCredentials, startS3Server} from '../helpers/s3-server.js';
import {makeTempDir} from '../helpers/temp-dir.js';
import {waitFor} from '../helpers/wait-for.js';

const showing = (name: string) => (screen: string) => screen.includes(name);

test('a lost network shows on screen, labeling goes on from the cache, and nothing is lost after', async (t) => {
	const server = await startS3Server(t);
	await server.createBucket(bucket);
	const keys = await uploadSamples(server, 'day/', 8);
	const proxy = await startFaultProxy(server.endpoint, t);
	const objectGets = () =>
		proxy.seen.filter((line) => line.startsWith('GET') && !line.includes('list-type')).length;
	const stateDir = await makeTempDir(t);
	const cacheDir = await makeTempDir(t);
	const env = {
		AWS_ACCESS_KEY_ID: s3rverCredentials.accessKeyId,
		AWS_SECRET_ACCESS_KEY: s3rverCredentials.secretAccessKey,
		AWS_REGION: 'us-east-1',
		AWS_EC2_METADATA_DISABLED: 'true',
	};
	const flags = [
		'--endpoint',
		proxy.endpoint,
		'--state',
		stateDir,
		'--cache-dir',
		cacheDir,
		'--prefetch',
		'3',
	];
	const cli = startCli(
		['label', 's3://review-bucket/day/', '--classes', 'photo,screenshot', ...flags],
		{env, cwd: stateDir},
	);
	await cli.waitFor(showing('000-img_0001.jpg'), 'the first object');
	await cli.waitFor((screen) => screen.includes('▀'), 'image blocks');
	// The first image and the ones ahead of it are downloaded; then the network goes away. (A
	// hundred event-loop turns were the limit here before: too short on a loaded machine.)
	await waitFor('four objects downloaded ahead', 20_000, async () =>
		objectGets() >= 4 ? true : undefined,
	);
	await proxy.stop();
	cli.write('1');
	await cli.waitFor(showing('001-img_0002.jpg'), 'the second object, from the cache');
	await cli.waitFor(showing('Offline:'), 'the offline message');
	cli.write('1');
	// Offline is a condition, not a message about one image: a key does not clear it.
	await cli.waitFor(
		(screen) => screen.includes('002-img_0022.png') && screen.includes('Offline:'),
		'the third object, from the cache, still offline',
	);

	await proxy.start();
	await cli.waitFor(showing('Back online'), 'the store answers again', 20_000);
	for (const [index, key] of keys.slice(2, 7).entries()) {
		const name = key.slice('day/'.length);
		await cli.waitFor(
			(screen) => screen.includes(name) && screen.includes('▀'),
			`${name} shown`,
			20_000,
		);
		cli.write(index % 2 === 0 ? '1' : '2');
	}

	// The eighth object is an exact copy of the first (same sample): the fetched SHA-1 found it.
	await cli.waitFor(showing('Nothing left to label'), 'every object decided');
	assert.match(cli.screen().join('\n'), /7 of 8 decided \(1 exact copy with them\)/);
	cli.write('q');
	const {exitCode} = await cli.exited;
	assert.equal(exitCode, 0, cli.output().slice(-2000));
	const after = await allKeys(server.connection.client);
	assert.equal(after.length, 8, after.join(', '));
	assert.ok(
		after.every((key) => key.startsWith('day/labeled/')),
		after.join(', '),
	);
});
