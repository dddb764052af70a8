import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import path from 'node:path';
import test from 'node:test';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {samplesDir} from '../helpers/commit-fixture.js';

const child = fileURLToPath(new URL('pool-close-child.js', import.meta.url));
const run = promisify(execFile);

test('close() returns even when a reply arrives after it began: the workers hold the process until they exit', async () => {
	// Before, that late reply let go of its worker, the event loop emptied and the process ended
	// with close() pending: a label session quit without its summary or closing its journal.
	const {stdout} = await run(process.execPath, [child, path.join(samplesDir, 'img_0001.jpg')]);
	assert.equal(stdout, 'closed\n');
});
