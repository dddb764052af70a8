import assert from 'node:assert/strict';
import {type ChildProcessWithoutNullStreams, spawn} from 'node:child_process';
import {once} from 'node:events';
import {mkdir, readdir, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {createInterface} from 'node:readline';
import test from 'node:test';
import {fileURLToPath} from 'node:url';
import {lockPath} from '../../../source/ledger/files/lock.js';
import {makeTempDir} from '../../helpers/temp-dir.js';

const contender = fileURLToPath(new URL('../../helpers/lock-contender.js', import.meta.url));

async function deadPid(): Promise<number> {
	const child = spawn(process.execPath, ['-e', ''], {stdio: 'ignore'});
	await once(child, 'exit');
	assert.ok(child.pid !== undefined);
	return child.pid;
}

type Contender = {child: ChildProcessWithoutNullStreams; next: () => Promise<string>};

function start(labels: string): Contender {
	const child = spawn(process.execPath, [contender, labels]);
	const lines = createInterface({input: child.stdout})[Symbol.asyncIterator]();
	const next = async () => {
		const line = await lines.next();
		if (line.done) {
			throw new Error(`contender ${child.pid} ended without a result`);
		}

		return line.value;
	};

	return {child, next};
}

async function race(labels: string, count: number): Promise<string[]> {
	const contenders = Array.from({length: count}, () => start(labels));
	try {
		// Every contender has loaded the module before any starts: they start at the same moment.
		for (const {next} of contenders) {
			assert.equal(await next(), 'ready');
		}

		for (const {child} of contenders) {
			child.stdin.write('go\n');
		}

		return await Promise.all(contenders.map(({next}) => next()));
	} finally {
		await Promise.all(
			contenders.map(async ({child}) => {
				const exited = once(child, 'exit');
				child.stdin.end();
				await exited;
			}),
		);
	}
}

test('20 simultaneous starts on a stale lock: exactly one takes it over, every time', async (t) => {
	const dir = await makeTempDir(t);
	const labels = path.join(dir, '.labels');
	await mkdir(labels, {recursive: true});
	for (let round = 0; round < 5; round++) {
		const stale = {
			pid: await deadPid(),
			host: os.hostname(),
			user: 'gone',
			started: new Date().toISOString(),
			token: `stale-${round}`,
		};
		await writeFile(lockPath(labels), `${JSON.stringify(stale)}\n`);
		const results = await race(labels, 20);
		const winners = results.filter((result) => result === 'won');
		assert.equal(winners.length, 1, `round ${round}: ${results.join(' | ')}`);
		for (const result of results.filter((line) => line !== 'won')) {
			assert.match(result, /^lost: .* is being labeled by pid \d+/);
		}

		// The winner released on exit; no stale copies or markers are left behind.
		assert.deepEqual(await readdir(labels), [], `round ${round}`);
	}
});
