import assert from 'node:assert/strict';
import test from 'node:test';
import {copySamples, removeFolder} from '../helpers/dataset.js';
import {watchLoadedModules} from '../helpers/loaded-modules.js';
import {startCli} from '../helpers/pty-session.js';

test('labeling a local folder does not load the AWS SDK, the PostgreSQL driver or an HTTP client', async (t) => {
	const dir = await copySamples();
	t.after(async () => removeFolder(dir));
	const modules = await watchLoadedModules(t);
	const cli = startCli(['label', dir, '--classes', 'photo,screenshot', '--no-commit-on-exit'], {
		env: modules.env,
	});
	await cli.waitFor((screen) => /0\/48 decided/.test(screen), 'the labeling screen');
	cli.write('q');
	assert.equal((await cli.exited).exitCode, 0, cli.output().slice(-1500));
	const loaded = await modules.loaded();
	// The hooks saw the bundle load, and sharp's native decoder with it.
	assert.ok(loaded.has('dist'), 'the hook saw the bundle being loaded');
	assert.ok(
		[...loaded].some((name) => name.startsWith('native:@img/sharp-')),
		`the image decoder loaded: ${[...loaded].join(', ')}`,
	);
	const remote = [...loaded].filter((name) => name.startsWith('@aws-sdk/') || name === 'pg');
	assert.deepEqual(remote, [], 'S3 and PostgreSQL load only when asked for');
	// Ink's layout engine would load it to read its own WebAssembly from a data: URL.
	assert.ok(!loaded.has('node:undici'), "Node's HTTP client is not loaded");
});
