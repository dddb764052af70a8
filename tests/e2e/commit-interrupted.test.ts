import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {watch} from 'node:fs';
import {mkdir, mkdtemp, readdir} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {otherFilesystem} from '../helpers/commit-fixture.js';
import {decidedDataset} from '../helpers/decided-dataset.js';
import {cliPath} from '../helpers/pty-session.js';
import {runCli} from '../helpers/run-as.js';
import {removeFolder} from '../helpers/temp-dir.js';

test('Ctrl-C during a commit says it stopped and what comes next, exits 130, and leaves no partial copy', async (t) => {
	const shm = await otherFilesystem(t);
	if (shm === undefined) return;
	const outRoot = await mkdtemp(path.join(shm, 'imgsift-interrupted-'));
	t.after(() => removeFolder(outRoot));
	const out = path.join(outRoot, 'labeled');
	// A large file, so the copy across filesystems is surely under way when the signal comes.
	const {dir} = await decidedDataset(
		t,
		{'big.jpg': randomBytes(48 * 1024 * 1024), 'small.jpg': 'img_0001.jpg'},
		{'big.jpg': 'photo', 'small.jpg': 'photo'},
		{out},
	);
	await mkdir(path.join(out, 'photo'), {recursive: true});
	const child = spawn(process.execPath, [cliPath, 'commit', dir, '--user', 'tester'], {
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stderr = '';
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
		stderr += chunk;
	});
	const watcher = watch(path.join(out, 'photo'), (_event, name) => {
		if (name?.endsWith('.imgsift-partial')) child.kill('SIGINT');
	});
	const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
	watcher.close();

	assert.equal(code, 130, stderr);
	assert.match(
		stderr,
		/^imgsift: commit stopped by SIGINT; the partial copy it was writing was removed\. The files moved so far are recorded; \.labels\/commit-plan\.json keeps the rest, and the next imgsift commit \(or label\) finishes them\.\n$/,
	);
	const partials = (await readdir(out, {recursive: true})).filter((name) =>
		name.endsWith('.imgsift-partial'),
	);
	assert.deepEqual(partials, []);

	const again = await runCli(['commit', dir, '--user', 'tester']);
	assert.equal(again.status, 0, again.stdout + again.stderr);
	assert.deepEqual((await readdir(path.join(out, 'photo'))).sort(), ['big.jpg', 'small.jpg']);
	assert.deepEqual(await readdir(dir), ['.labels']);
});
