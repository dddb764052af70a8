import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {readFile, writeFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {cliPath as cli} from '../helpers/pty-session.js';
import {makeTempDir} from '../helpers/temp-dir.js';

const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], {encoding: 'utf8'});

test('numeric-looking choices are accepted as typed (--colors 256, --colors 16)', () => {
	for (const colors of ['256', '16', 'truecolor']) {
		const result = run('doctor', '--colors', colors);
		assert.equal(result.status, 0, result.stderr);
		assert.match(result.stdout, new RegExp(`colours: --colors ${colors}`));
	}
});

test('every command answers --help with exit 0', () => {
	for (const command of ['label', 'commit', 'status', 'check', 'guess', 'doctor', 'demo']) {
		const result = run(command, '--help');
		assert.equal(result.status, 0, `${command}: ${result.stderr}`);
		assert.match(result.stdout, /--help/);
	}
});

test("--version prints imgsift's own version from any working folder", async (t) => {
	const own = JSON.parse(await readFile(new URL('../../../package.json', import.meta.url), 'utf8'));
	// Another project's package.json in the working folder must not be read instead.
	const elsewhere = await makeTempDir(t, 'imgsift-version-');
	await writeFile(path.join(elsewhere, 'package.json'), '{"name":"other","version":"9.9.9"}');
	const result = spawnSync(process.execPath, [cli, '--version'], {
		cwd: elsewhere,
		encoding: 'utf8',
	});
	assert.equal(result.status, 0, result.stderr);
	assert.equal(result.stdout.trim(), own.version);
});
