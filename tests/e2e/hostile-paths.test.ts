import assert from 'node:assert/strict';
import {mkdir, mkdtemp, rm, symlink} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import {decidedDataset} from '../helpers/decided-dataset.js';
import {runCli} from '../helpers/run-as.js';
import {removeFolder} from '../helpers/temp-dir.js';

test('a hostile dataset path is escaped in "does not exist" and "needs a terminal"', async (t) => {
	const base = await mkdtemp(path.join(os.tmpdir(), 'imgsift-paths-'));
	t.after(() => removeFolder(base));
	const missing = path.join(base, 'gone\u001b]0;pwned\u0007\u202Egpj');
	const gone = await runCli(['commit', missing]);
	assert.equal(gone.status, 1);
	assert.match(gone.stderr, /^imgsift: .+gone\\x1b\]0;pwned\\x07\\u202egpj does not exist\./i);
	assert.doesNotMatch(gone.stderr, /[\u001b\u0007\u202E]/u);

	const real = path.join(base, 'here\u001b[31m');
	await mkdir(real);
	const label = await runCli(['label', real, '--classes', 'a,b']);
	assert.equal(label.status, 1);
	assert.match(label.stderr, /labeling needs a terminal/);
	assert.doesNotMatch(label.stderr, /[\u001b]/u, label.stderr);
});

for (const folder of ['journal', 'cache']) {
	test(`.labels/${folder} as a symlink is refused before anything is written`, async (t) => {
		const {dir} = await decidedDataset(t, {'a.jpg': 'img_0001.jpg'}, {'a.jpg': 'photo'});
		const elsewhere = await mkdtemp(path.join(os.tmpdir(), 'imgsift-elsewhere-'));
		t.after(() => removeFolder(elsewhere));
		const linked = path.join(dir, '.labels', folder);
		await rm(linked, {recursive: true, force: true});
		await symlink(elsewhere, linked);
		const run = await runCli(['commit', dir, '--user', 'tester']);
		assert.equal(run.status, 1, run.stdout);
		assert.match(run.stderr, new RegExp(`^imgsift: .+/\\.labels/${folder} is a symlink \\(to `));
	});
}
