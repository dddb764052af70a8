import assert from 'node:assert/strict';
import {mkdtemp, readFile, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import {pathToFileURL} from 'node:url';
import {copySamples, removeFolder} from '../helpers/dataset.js';
import {startCli} from '../helpers/pty-session.js';

// A module hook that notes every npm package the process loads, one name per line.
const hookSource = `
import {appendFileSync} from 'node:fs';
export async function load(url, context, next) {
	const name = /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(url)?.[1];
	if (name) appendFileSync(process.env.IMGSIFT_TEST_PACKAGES, name + '\\n');
	return next(url, context);
}`;

// At exit, the labeling process notes whether Node's own HTTP client (undici) was loaded.
const noteHttpClientSource = (listFile: string) => `
import {appendFileSync} from 'node:fs';
process.on('exit', () => {
	if (process.moduleLoadList.some((name) => name.includes('undici'))) {
		appendFileSync(${JSON.stringify(listFile)}, 'node:undici\\n');
	}
});`;

test('labeling a local folder does not load the AWS SDK, the PostgreSQL driver or an HTTP client', async (t) => {
	const dir = await copySamples();
	const hooks = await mkdtemp(path.join(os.tmpdir(), 'imgsift-hooks-'));
	t.after(async () => Promise.all([removeFolder(dir), removeFolder(hooks)]));
	const hookFile = path.join(hooks, 'hook.mjs');
	const registerFile = path.join(hooks, 'register.mjs');
	const listFile = path.join(hooks, 'packages.txt');
	await writeFile(hookFile, hookSource);
	await writeFile(
		registerFile,
		`import {register} from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hookFile).href)});\n${noteHttpClientSource(listFile)}\n`,
	);
	const cli = startCli(['label', dir, '--classes', 'photo,screenshot', '--no-commit-on-exit'], {
		env: {
			NODE_OPTIONS: `--import ${pathToFileURL(registerFile).href}`,
			IMGSIFT_TEST_PACKAGES: listFile,
		},
	});
	await cli.waitFor((screen) => /0\/48 decided/.test(screen), 'the labeling screen');
	cli.write('q');
	assert.equal((await cli.exited).exitCode, 0, cli.output().slice(-1500));
	const loaded = new Set((await readFile(listFile, 'utf8')).split('\n'));
	// Ink is inside the bundle; yargs and sharp stay packages, so the hook saw the packages load.
	assert.ok(loaded.has('yargs') && loaded.has('sharp'), 'the hook saw packages being loaded');
	const remote = [...loaded].filter((name) => name.startsWith('@aws-sdk/') || name === 'pg');
	assert.deepEqual(remote, [], 'S3 and PostgreSQL load only when asked for');
	// Ink's layout engine would load it to read its own WebAssembly from a data: URL.
	assert.ok(!loaded.has('node:undici'), "Node's HTTP client is not loaded");
});
