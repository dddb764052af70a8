import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import test from 'node:test';
import {datasetUser, decidedDataset} from '../helpers/decided-dataset.js';
import {watchLoadedModules} from '../helpers/loaded-modules.js';
import {cliPath} from '../helpers/pty-session.js';

test('a local commit loads neither the S3 client nor the image decoder', async (t) => {
	// Two equal files of 17 MiB: more bytes to hash than loading the check cache costs, and no
	// `check` ever ran here, so there is no cache to load.
	const bytes = new Uint8Array(17 * 1024 * 1024).fill(7);
	const {dir} = await decidedDataset(
		t,
		{'a.jpg': bytes, 'b.jpg': bytes},
		{'a.jpg': 'photo', 'b.jpg': 'photo'},
	);
	const modules = await watchLoadedModules(t);
	const run = spawnSync(process.execPath, [cliPath, 'commit', dir, '--user', datasetUser], {
		encoding: 'utf8',
		env: {...process.env, ...modules.env},
	});
	assert.equal(run.status, 0, run.stderr);
	assert.match(run.stdout, /Moved 2 files/);
	const loaded = await modules.loaded();
	assert.ok(loaded.has('dist'), 'the hook saw the bundle being loaded');
	assert.deepEqual(
		[...loaded].filter((name) => name.startsWith('@aws-sdk/') || name.startsWith('native:')),
		[],
		`loaded: ${[...loaded].join(', ')}`,
	);
});
