import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import test from 'node:test';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {settleWithin} from '../../source/shared/settle-within.js';

const child = fileURLToPath(new URL('settle-within-child.js', import.meta.url));

test('settleWithin: true when the work settles in time, and its rejection passes through', async () => {
	assert.equal(await settleWithin(Promise.resolve('done'), 1000), true);
	await assert.rejects(settleWithin(Promise.reject(new Error('disk full')), 1000), /disk full/);
});

test('settleWithin: a promise nothing will settle holds the process until the limit, then false', async () => {
	// A bare `await` on it, with no handle open, ends the process at once with no output.
	const {stdout} = await promisify(execFile)(process.execPath, [child]);
	assert.equal(stdout, 'settled: false\n');
});
