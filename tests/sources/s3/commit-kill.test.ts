import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {readFile, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {test} from 'node:test';
import {fileURLToPath} from 'node:url';
import {type ListedObject, listObjects} from '../../../source/sources/s3/list.js';
import {startFaultProxy} from '../../helpers/fault-proxy.js';
import {allKeys, bucket, labelOf, uploadSamples} from '../../helpers/s3-fixture.js';
import {startS3Server} from '../../helpers/s3-server.js';
import {makeTempDir} from '../../helpers/temp-dir.js';

const child = path.join(
	path.dirname(fileURLToPath(import.meta.url)),
	'../../helpers/s3-commit-child.js',
);

type Run = {code: number | null; signal: NodeJS.Signals | null; output: string};

function runChild(env: NodeJS.ProcessEnv, onSpawn?: (kill: () => void) => void): Promise<Run> {
	return new Promise((resolve, reject) => {
		const process_ = spawn(process.execPath, [child], {
			env: {...process.env, ...env},
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let output = '';
		process_.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
		process_.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
		process_.on('error', reject);
		process_.on('close', (code, signal) => resolve({code, signal, output}));
		onSpawn?.(() => process_.kill('SIGKILL'));
	});
}

// Each object takes 5 requests (2 HEADs, copy, HEAD, delete) after one listing (21 for 4): these
// points fall inside every step of the first, a middle and the last object.
const killPoints = [2, 3, 4, 5, 6, 7, 11, 16, 21];

test('kill -9 at any request of a commit: the rerun converges, every object exactly once', async (t) => {
	const server = await startS3Server(t);
	await server.createBucket(bucket);
	const proxy = await startFaultProxy(server.endpoint, t);
	const work = await makeTempDir(t);
	for (const killAt of killPoints) {
		const prefix = `kill${killAt}/`;
		await uploadSamples(server, prefix, 4);
		const objects: ListedObject[] = [];
		for await (const batch of listObjects(server.connection.client, {bucket, prefix})) {
			objects.push(...batch);
		}

		const objectsFile = path.join(work, `${killAt}.json`);
		await writeFile(objectsFile, JSON.stringify(objects));
		const env = {
			ENDPOINT: proxy.endpoint,
			PREFIX: prefix,
			OBJECTS: objectsFile,
			JOURNAL: path.join(work, `${killAt}.jsonl`),
			STATE_DIR: path.join(work, `state-${killAt}`),
		};
		let seen = 0;
		let killed = false;
		const killedRun = await runChild(env, (kill) => {
			proxy.setRule(() => {
				seen++;
				if (seen === killAt) {
					kill();
					killed = true;
					// The request the process was killed in reaches the server after the kill.
					return {delayMs: 20};
				}

				return undefined;
			});
		});
		proxy.setRule(undefined);
		assert.ok(killed, `the commit reached request ${killAt}`);
		assert.equal(killedRun.signal, 'SIGKILL', killedRun.output);

		const rerun = await runChild(env);
		assert.equal(rerun.code, 0, rerun.output);
		const keys = (await allKeys(server.connection.client)).filter((key) => key.startsWith(prefix));
		assert.deepEqual(
			keys,
			objects.map((object) => `${prefix}labeled/${labelOf(object.path)}/${object.path}`).sort(),
			`after a kill at request ${killAt}`,
		);
		const records = (await readFile(env.JOURNAL, 'utf8')).trim().split('\n');
		const recorded = records.map((line) => (JSON.parse(line) as {path: string}).path).sort();
		assert.deepEqual(
			recorded,
			objects.map((object) => object.path).sort(),
			`one record each, kill at ${killAt}`,
		);
	}
});
