import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {readdir, readFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {promisify} from 'node:util';
import {cliPath, startCli} from '../helpers/pty-session.js';
import {allKeys, bucket, sampleBytes, uploadSamples} from '../helpers/s3-fixture.js';
import {s3rverCredentials, startS3Server} from '../helpers/s3-server.js';
import {makeTempDir} from '../helpers/temp-dir.js';

const showing = (name: string) => (screen: string) => screen.includes(name);

async function filesUnder(folder: string): Promise<string[]> {
	const entries = await readdir(folder, {recursive: true, withFileTypes: true});
	return entries
		.filter((entry) => entry.isFile())
		.map((entry) => path.join(entry.parentPath, entry.name));
}

test('label s3://bucket/prefix/: images from the bucket, decisions journaled locally, objects moved on quit', async (t) => {
	const server = await startS3Server(t);
	await server.createBucket(bucket);
	const keys = await uploadSamples(server, 'day/', 5);
	const jpeg = await sampleBytes('img_0001.jpg');
	await server.put(bucket, 'day/zz-cut.jpg', jpeg.subarray(0, 3000));
	const stateDir = await makeTempDir(t);
	const cacheDir = await makeTempDir(t);
	const env = {
		AWS_ACCESS_KEY_ID: s3rverCredentials.accessKeyId,
		AWS_SECRET_ACCESS_KEY: s3rverCredentials.secretAccessKey,
		AWS_REGION: 'us-east-1',
		AWS_EC2_METADATA_DISABLED: 'true',
	};
	const location = 's3://review-bucket/day/';
	const s3Flags = ['--endpoint', server.endpoint, '--state', stateDir, '--cache-dir', cacheDir];
	const cli = startCli(
		['label', location, '--classes', 'photo,screenshot', '--user', 'ann', ...s3Flags],
		{env, cwd: stateDir},
	);
	await cli.waitFor(showing('000-img_0001.jpg'), 'the first object');
	await cli.waitFor((screen) => screen.includes('▀'), 'image blocks');
	cli.write('1');
	await cli.waitFor(showing('001-img_0002.jpg'), 'the second object');
	cli.write('1');
	await cli.waitFor(showing('002-img_0022.png'), 'the third object');
	cli.write('2');
	await cli.waitFor(showing('003-img_0003.jpg'), 'the fourth object');
	await cli.waitFor(showing('1 broken'), 'the cut object set aside as broken');
	cli.write('q');
	const {exitCode} = await cli.exited;
	assert.equal(exitCode, 0, cli.output().slice(-2000));

	const after = await allKeys(server.connection.client);
	assert.deepEqual(after, [
		'day/003-img_0003.jpg',
		'day/004-img_0023.png',
		'day/labeled/photo/000-img_0001.jpg',
		'day/labeled/photo/001-img_0002.jpg',
		'day/labeled/screenshot/002-img_0022.png',
		'day/zz-cut.jpg',
	]);
	assert.equal(keys.length, 5);

	// Journal and state are local, in a folder named after the bucket and prefix; no secret in it.
	const [stateFolder] = await readdir(path.join(stateDir, '.labels'));
	assert.match(stateFolder ?? '', /^s3-review-bucket_day_-[0-9a-f]{10}$/);
	for (const file of await filesUnder(stateDir)) {
		assert.ok(!(await readFile(file, 'utf8')).includes(s3rverCredentials.secretAccessKey), file);
	}

	// Not spawnSync: the S3 server runs in this process and must keep answering.
	// The cut object could not be decoded when it was fetched ahead: journaled as broken.
	const journal = await readFile(
		path.join(stateDir, '.labels', stateFolder ?? '', '.labels', 'journal', 'ann.jsonl'),
		'utf8',
	);
	const records = journal
		.trim()
		.split('\n')
		.map((line) => JSON.parse(line) as Record<string, unknown>);
	const broken = records.filter((record) => record['op'] === 'broken');
	assert.deepEqual(
		broken.map((record) => record['path']),
		['zz-cut.jpg'],
		JSON.stringify(broken),
	);
	// 'truncated' as a rule; libvips shares one error buffer per process, so a display decode
	// running at the same moment can blank the message ("Unknown error": corrupt, unreadable).
	assert.ok(
		['truncated', 'unreadable'].includes(String(broken[0]?.['reason'])),
		JSON.stringify(broken),
	);
	assert.match(String(broken[0]?.['detail']), /^s3:\/\/review-bucket\/day\/zz-cut\.jpg /);

	const status = await promisify(execFile)(
		process.execPath,
		[cliPath, 'status', location, '--json', ...s3Flags],
		{
			env: {...process.env, ...env},
			cwd: stateDir,
			encoding: 'utf8',
		},
	);
	const report = JSON.parse(status.stdout) as {decided: number; committed: number; total: number};
	assert.deepEqual([report.decided, report.committed], [3, 3]);
	assert.equal(status.stderr, '', 'no SDK warning or secret on stderr');
});

test('commit --commit-mode manifest moves nothing; commit --out moves into that prefix', async (t) => {
	const server = await startS3Server(t);
	await server.createBucket(bucket);
	await uploadSamples(server, 'day/', 3);
	const stateDir = await makeTempDir(t);
	const env = {
		AWS_ACCESS_KEY_ID: s3rverCredentials.accessKeyId,
		AWS_SECRET_ACCESS_KEY: s3rverCredentials.secretAccessKey,
		AWS_REGION: 'us-east-1',
		AWS_EC2_METADATA_DISABLED: 'true',
	};
	const location = 's3://review-bucket/day/';
	const s3Flags = [
		'--endpoint',
		server.endpoint,
		'--state',
		stateDir,
		'--cache-dir',
		await makeTempDir(t),
	];
	const cli = startCli(
		['label', location, '--classes', 'photo,screenshot', '--no-commit-on-exit', ...s3Flags],
		{
			env,
			cwd: stateDir,
		},
	);
	await cli.waitFor(showing('000-img_0001.jpg'), 'the first object');
	cli.write('1');
	await cli.waitFor(showing('001-img_0002.jpg'), 'the second object');
	cli.write('2');
	await cli.waitFor(showing('002-img_0022.png'), 'the third object');
	cli.write('q');
	assert.equal((await cli.exited).exitCode, 0, cli.output().slice(-2000));
	const before = await allKeys(server.connection.client);

	const run = promisify(execFile);
	const options = {env: {...process.env, ...env}, cwd: stateDir, encoding: 'utf8' as const};
	const manifest = path.join(stateDir, 'out.manifest');
	const written = await run(
		process.execPath,
		[cliPath, 'commit', location, '--commit-mode', 'manifest', '--manifest', manifest, ...s3Flags],
		options,
	);
	assert.match(written.stdout, /Wrote 2 lines .* no object was moved/);
	assert.deepEqual(await allKeys(server.connection.client), before);
	const lines = (await readFile(manifest, 'utf8'))
		.trim()
		.split('\n')
		.map((line) => JSON.parse(line) as Record<string, unknown>);
	assert.deepEqual(
		lines.map((line) => [
			line['source-ref'],
			(line['label-metadata'] as {'class-name': string})['class-name'],
		]),
		[
			['s3://review-bucket/day/000-img_0001.jpg', 'photo'],
			['s3://review-bucket/day/001-img_0002.jpg', 'screenshot'],
		],
	);

	const moved = await run(
		process.execPath,
		[cliPath, 'commit', location, '--out', 's3://review-bucket/sorted/', ...s3Flags],
		options,
	);
	assert.match(moved.stdout, /Moved 2 objects into s3:\/\/review-bucket\/sorted\/<class>\//);
	assert.deepEqual(await allKeys(server.connection.client), [
		'day/002-img_0022.png',
		'sorted/photo/000-img_0001.jpg',
		'sorted/screenshot/001-img_0002.jpg',
	]);
});
