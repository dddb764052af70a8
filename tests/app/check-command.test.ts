import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {link, readFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {promisify} from 'node:util';
import xterm from '@xterm/headless';
import pty from 'node-pty';
import type {CheckReport} from '../../source/formats/check-report.js';
import {checkCachePath} from '../../source/scan/check-cache.js';
import {copySample} from '../helpers/check-files.js';
import {copySamples, inventory, removeFolder} from '../helpers/dataset.js';
import {waitUntil} from '../helpers/ink-wait.js';
import {cliPath as checkCli} from '../helpers/pty-session.js';
import {makeTempDir} from '../helpers/temp-dir.js';

async function check(args: string[]): Promise<{code: number; stdout: string; stderr: string}> {
	try {
		const {stdout, stderr} = await promisify(execFile)(process.execPath, [
			checkCli,
			'check',
			...args,
		]);
		return {code: 0, stdout, stderr};
	} catch (error) {
		const failed = error as {code: number; stdout: string; stderr: string};
		return {code: failed.code, stdout: failed.stdout, stderr: failed.stderr};
	}
}

test('--json prints one document; problems found exit 1 and a clean folder exits 0', async (t) => {
	const dir = await copySamples();
	t.after(() => removeFolder(dir));
	const samples = await check([dir, '--json']);
	assert.equal(samples.code, 1, samples.stderr);
	const report = JSON.parse(samples.stdout) as CheckReport;
	assert.equal(report.summary.broken, 3);
	assert.equal(report.out, path.join(dir, 'labeled'), 'no project yet: <dir>/labeled');
	assert.equal(samples.stderr, '', 'no progress bar when stderr is not a terminal');

	const clean = await makeTempDir(t);
	await copySample('img_0002.jpg', path.join(clean, 'a.jpg'));
	await copySample('img_0003.jpg', path.join(clean, 'b.jpg'));
	const result = await check([clean]);
	assert.equal(result.code, 0, result.stdout);
	assert.match(result.stdout, /^ {2}broken +0$/m);
});

test('--quarantine moves the broken samples aside and --restore-quarantine brings them back', async (t) => {
	const dir = await copySamples();
	t.after(() => removeFolder(dir));
	const before = await inventory(dir);
	const moved = await check([dir, '--quarantine']);
	assert.match(moved.stdout, /Quarantined 3 files:/);
	assert.match(moved.stdout, /img_0046\.jpg -> labeled\/_quarantine\/truncated\/img_0046\.jpg/);
	assert.equal((await check([dir, '--json'])).code, 1, 'the duplicate is still there');
	const restored = await check([dir, '--restore-quarantine']);
	assert.equal(restored.code, 0);
	assert.match(restored.stdout, /3 restored, 0 left in quarantine/);
	assert.deepEqual(await inventory(dir), before);
});

test('options out of range are user errors with one line that says the range', async (t) => {
	const dir = await makeTempDir(t);
	const tooFar = await check([dir, '--near-distance', '30']);
	assert.equal(tooFar.code, 1);
	assert.doesNotMatch(tooFar.stderr, /\n\s+at /, 'no stack trace');
	assert.match(tooFar.stderr, /--near-distance must be a whole number from 0 to 16, got 30/);
	const missing = await check([path.join(dir, 'nope')]);
	assert.equal(missing.code, 1);
	assert.match(missing.stderr, /does not exist/);
});

test('on a terminal a progress bar runs, and Ctrl-C stops cleanly with the cache kept', async (t) => {
	const dir = await makeTempDir(t);
	const first = await copySample('img_0011.jpg', path.join(dir, 'photo-0000.jpg'));
	// Hard links: many files to check without the disk space.
	for (let index = 1; index < 400; index++) {
		await link(first, path.join(dir, `photo-${String(index).padStart(4, '0')}.jpg`));
	}

	const terminal = new xterm.Terminal({cols: 100, rows: 30, allowProposedApi: true});
	const child = pty.spawn(process.execPath, [checkCli, 'check', dir], {
		cols: 100,
		rows: 30,
		env: process.env,
	});
	let output = '';
	child.onData((data) => {
		output += data;
		terminal.write(data);
	});
	const exited = new Promise<number>((resolve) => child.onExit(({exitCode}) => resolve(exitCode)));
	t.after(() => child.kill());
	await waitUntil(
		'a progress line',
		() => /\] \d+\/400 files {2}\d+ files\/s, .* ETA \d+:\d\d/.test(output),
		{
			timeoutMs: 20_000,
			describe: () => output,
		},
	);
	child.write('\u0003');
	assert.equal(await exited, 130, output);
	assert.match(output, /stopping after the files in progress/);
	assert.match(output, /stopped early: partial results/);
	const cached = (await readFile(checkCachePath(dir), 'utf8')).trim().split('\n').length;
	assert.ok(cached > 0 && cached < 400, `${cached} cache lines`);

	const again = await check([dir, '--json']);
	const report = JSON.parse(again.stdout) as CheckReport;
	assert.equal(report.summary.fromCache, cached);
	assert.equal(report.complete, true);
});
