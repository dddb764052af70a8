import assert from 'node:assert/strict';
import {readdir, readFile, writeFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {startCli} from '../helpers/pty-session.js';
import {allKeys, bucket, uploadSamples} from '../helpers/s3-fixture.js';
import {s3rverCredentials, startS3Server} from '../helpers/s3-server.js';
import {makeTempDir} from '../helpers/temp-dir.js';

const showing = (name: string) => (screen: string) => screen.includes(name);

test('label s3://bucket/prefix/ --manifest: the objects its s3:// lines list, in line order', async (t) => {
	const server = await startS3Server(t);
	await server.createBucket(bucket);
	const keys = await uploadSamples(server, 'day/', 5);
	const stateDir = await makeTempDir(t);
	const manifest = path.join(stateDir, 'input.manifest');
	const listed = [keys[3], keys[0], 'day/gone.jpg', keys[2]];
	await writeFile(
		manifest,
		listed.map((key) => `${JSON.stringify({'source-ref': `s3://${bucket}/${key}`})}\n`).join(''),
	);
	const env = {
		AWS_ACCESS_KEY_ID: s3rverCredentials.accessKeyId,
		AWS_SECRET_ACCESS_KEY: s3rverCredentials.secretAccessKey,
		AWS_REGION: 'us-east-1',
		AWS_EC2_METADATA_DISABLED: 'true',
	};
	const flags = ['--endpoint', server.endpoint, '--state', stateDir, '--cache-dir', stateDir];
	const cli = startCli(
		[
			'label',
			`s3://${bucket}/day/`,
			'--classes',
			'photo,screenshot',
			'--user',
			'ann',
			'--manifest',
			manifest,
			'--no-commit-on-exit',
			...flags,
		],
		{env, cwd: stateDir},
	);
	await cli.waitFor(showing('003-img_0003.jpg'), 'the first listed object, not the first key');
	await cli.waitFor((screen) => /\b0\/3 decided/.test(screen), 'three objects, not the prefix');
	cli.write('1');
	await cli.waitFor(showing('000-img_0001.jpg'), 'the second listed object');
	cli.write('1');
	await cli.waitFor(showing('002-img_0022.png'), 'the third listed object');
	cli.write('2');
	await cli.waitFor((screen) => /\b3\/3 decided/.test(screen), 'all three decided');
	cli.write('q');
	const {exitCode} = await cli.exited;
	assert.equal(exitCode, 0, cli.output().slice(-2000));
	assert.match(cli.output(), /day\/gone\.jpg/, 'the missing object is reported');

	const [stateFolder] = await readdir(path.join(stateDir, '.labels'));
	const journal = await readFile(
		path.join(stateDir, '.labels', stateFolder ?? '', '.labels', 'journal', 'ann.jsonl'),
		'utf8',
	);
	const decided = journal
		.trim()
		.split('\n')
		.map((line) => JSON.parse(line) as Record<string, unknown>)
		.filter((record) => record['op'] === 'decide');
	assert.deepEqual(
		decided.map((record) => [record['path'], record['label']]),
		[
			['003-img_0003.jpg', 'photo'],
			['000-img_0001.jpg', 'photo'],
			['002-img_0022.png', 'screenshot'],
		],
	);
	assert.deepEqual(await allKeys(server.connection.client), keys, 'nothing moved');
});
