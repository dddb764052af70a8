import assert from 'node:assert/strict';
import {access} from 'node:fs/promises';
import path from 'node:path';
import {test} from 'node:test';
import {DeleteObjectCommand} from '@aws-sdk/client-s3';
import type {SessionState} from '../../../source/core/session-state.js';
import type {CommitRecorder} from '../../../source/files/commit/types.js';
import {commitS3, type S3CommitOptions} from '../../../source/sources/s3/commit.js';
import {connectS3} from '../../../source/sources/s3/connect.js';
import {type ListedObject, listObjects} from '../../../source/sources/s3/list.js';
import {startFaultProxy} from '../../helpers/fault-proxy.js';
import {
	allKeys,
	bucket,
	decidedS3State,
	labelOf,
	uploadSamples,
	withMoved,
} from '../../helpers/s3-fixture.js';
import {startS3Server} from '../../helpers/s3-server.js';
import {makeTempDir} from '../../helpers/temp-dir.js';

async function listed(client: S3CommitOptions['client'], prefix: string): Promise<ListedObject[]> {
	const objects: ListedObject[] = [];
	for await (const batch of listObjects(
		client,
		{bucket, prefix},
		{ignore: [`${prefix}labeled/`]},
	)) {
		objects.push(...batch);
	}

	return objects;
}

/** A journal through the real reducer: each recorded move lands in the state, as the fold does. */
function journal(initial: SessionState): {
	record: CommitRecorder;
	state: () => SessionState;
	moves: string[];
} {
	let state = initial;
	const moves: string[] = [];
	return {
		moves,
		state: () => state,
		async record(event) {
			if (event.type === 'moved') {
				state = withMoved(state, event);
				moves.push(event.path);
			}
		},
	};
}

/** Every listed object is in its class prefix exactly once and nowhere else. */
function assertEachOnce(
	keys: readonly string[],
	objects: readonly ListedObject[],
	prefix: string,
): void {
	for (const object of objects) {
		const name = object.path;
		const holders = keys.filter((key) => key.endsWith(`/${name}`) || key === `${prefix}${name}`);
		assert.deepEqual(holders, [`${prefix}labeled/${labelOf(name)}/${name}`], name);
	}
}

test('commit copies, verifies and deletes each object into its class prefix', async (t) => {
	const server = await startS3Server(t);
	await server.createBucket(bucket);
	await uploadSamples(server, 'day/', 6);
	const stateDir = await makeTempDir(t);
	const {client} = server.connection;
	const objects = await listed(client, 'day/');
	const log = journal(decidedS3State(objects));
	const options = {
		client,
		location: {bucket, prefix: 'day/'},
		stateDir,
		outPrefix: 'day/labeled/',
		record: log.record,
	};
	const report = await commitS3({...options, state: log.state()});
	assert.equal(report.stopped, undefined);
	assert.equal(report.moved.length, 6);
	assert.match(
		report.moved[0]?.to ?? '',
		/^s3:\/\/review-bucket\/day\/labeled\/(photo|screenshot)\//,
	);
	assertEachOnce(await allKeys(client), objects, 'day/');
	await assert.rejects(access(path.join(stateDir, '.labels', 'commit-plan.json')), /ENOENT/);
	const again = await commitS3({...options, state: log.state()});
	assert.deepEqual([again.planned, again.moved.length], [0, 0]);
});

test('a server restart mid-commit stops the commit with the plan kept; the next one converges', async (t) => {
	const server = await startS3Server(t);
	await server.createBucket(bucket);
	await uploadSamples(server, 'day/', 6);
	const proxy = await startFaultProxy(server.endpoint, t);
	const connection = connectS3({endpoint: proxy.endpoint});
	t.after(() => connection.close());
	const stateDir = await makeTempDir(t);
	const objects = await listed(server.connection.client, 'day/');
	const log = journal(decidedS3State(objects));
	let deletes = 0;
	proxy.setRule((request) => {
		if (request.method === 'DELETE' && ++deletes === 3) {
			// The server goes down while the third source is being deleted (its copy is made).
			void server.stop();
			return {delayMs: 100};
		}

		return undefined;
	});
	const options = {
		client: connection.client,
		location: {bucket, prefix: 'day/'},
		stateDir,
		outPrefix: 'day/labeled/',
		record: log.record,
		policy: {attempts: 2, baseMs: 1, maxMs: 5},
	};
	const first = await commitS3({...options, state: log.state()});
	assert.match(first.stopped ?? '', /The plan is kept/);
	assert.equal(first.moved.length, 2);
	await access(path.join(stateDir, '.labels', 'commit-plan.json'));

	proxy.setRule(undefined);
	await server.start();
	const second = await commitS3({...options, state: log.state()});
	assert.equal(second.stopped, undefined);
	assert.equal(second.moved.filter((entry) => entry.recovered).length, 4);
	assertEachOnce(await allKeys(server.connection.client), objects, 'day/');
	assert.deepEqual(
		[...log.moves].sort(),
		objects.map((object) => object.path).sort(),
		'one record per object',
	);
});

test('a name taken by another object in the class prefix gets a hashed name, nothing is overwritten', async (t) => {
	const server = await startS3Server(t);
	await server.createBucket(bucket);
	await uploadSamples(server, 'day/', 1);
	const {client} = server.connection;
	const objects = await listed(client, 'day/');
	const name = objects[0]?.path ?? '';
	await server.put(bucket, `day/labeled/photo/${name}`, 'someone else');
	const log = journal(decidedS3State(objects));
	const stateDir = await makeTempDir(t);
	const options = {
		client,
		location: {bucket, prefix: 'day/'},
		stateDir,
		outPrefix: 'day/labeled/',
		record: log.record,
	};
	const report = await commitS3({...options, state: log.state()});
	const to = report.moved[0]?.to ?? '';
	assert.match(
		to,
		new RegExp(`day/labeled/photo/${name.replace('.jpg', '')}\\.[0-9a-f]{8}\\.jpg$`),
	);
	const keys = await allKeys(client);
	assert.deepEqual(keys, [`day/labeled/photo/${name}`, to.replace(`s3://${bucket}/`, '')].sort());
});

test('an object deleted or replaced after it was decided is set aside, not moved', async (t) => {
	const server = await startS3Server(t);
	await server.createBucket(bucket);
	const keys = await uploadSamples(server, 'day/', 3);
	const {client} = server.connection;
	const objects = await listed(client, 'day/');
	await client.send(new DeleteObjectCommand({Bucket: bucket, Key: keys[0]}));
	await server.put(bucket, keys[1] ?? '', 'replaced with other bytes');
	const log = journal(decidedS3State(objects));
	const stateDir = await makeTempDir(t);
	const options = {
		client,
		location: {bucket, prefix: 'day/'},
		stateDir,
		outPrefix: 'day/labeled/',
		record: log.record,
	};
	const report = await commitS3({...options, state: log.state()});
	assert.deepEqual(
		report.skipped.map((entry) => [entry.path, entry.reason]),
		[
			[objects[0]?.path, 'missing'],
			[objects[1]?.path, 'changed'],
		],
	);
	assert.deepEqual(
		report.moved.map((entry) => entry.path),
		[objects[2]?.path],
	);
	assert.deepEqual(
		await allKeys(client),
		[keys[1], `day/labeled/${labelOf(objects[2]?.path ?? '')}/${objects[2]?.path}`].sort(),
	);
});
