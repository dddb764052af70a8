import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {readFile, writeFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {pathToFileURL} from 'node:url';
import {tempFolder} from '../helpers/commit-fixture.js';
import {datasetUser, decidedDataset} from '../helpers/decided-dataset.js';
import {cliPath} from '../helpers/pty-session.js';

/** A module hook that writes down each package a process loads, one name per line. */
const hook = `
import {appendFileSync} from 'node:fs';
export async function resolve(specifier, context, next) {
	const found = await next(specifier, context);
	const name = /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(found.url)?.[1];
	if (name) appendFileSync(process.env.PACKAGES_LOG, name + '\\n');
	return found;
}`;

test('a local commit loads neither the S3 client nor the image decoder', async (t) => {
	// Two equal files of 17 MiB: more bytes to hash than loading the check cache costs, and no
	// `check` ever ran here, so there is no cache to load.
	const bytes = new Uint8Array(17 * 1024 * 1024).fill(7);
	const {dir} = await decidedDataset(
		t,
		{'a.jpg': bytes, 'b.jpg': bytes},
		{'a.jpg': 'photo', 'b.jpg': 'photo'},
	);
	const scratch = await tempFolder(t);
	const hookFile = path.join(scratch, 'hook.mjs');
	const register = path.join(scratch, 'register.mjs');
	const log = path.join(scratch, 'packages.txt');
	await writeFile(hookFile, hook);
	await writeFile(log, '');
	await writeFile(
		register,
		`import {register} from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hookFile).href)});\n`,
	);

	const run = spawnSync(
		process.execPath,
		['--import', pathToFileURL(register).href, cliPath, 'commit', dir, '--user', datasetUser],
		{encoding: 'utf8', env: {...process.env, PACKAGES_LOG: log}},
	);
	assert.equal(run.status, 0, run.stderr);
	assert.match(run.stdout, /Moved 2 files/);
	const loaded = new Set((await readFile(log, 'utf8')).split('\n').filter(Boolean));
	assert.ok(loaded.size > 0, 'the hook saw the packages the CLI loads');
	assert.deepEqual(
		[...loaded].filter((name) => name.startsWith('@aws-sdk/') || name === 'sharp'),
		[],
		`loaded: ${[...loaded].join(', ')}`,
	);
});
