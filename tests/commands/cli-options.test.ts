import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import test from 'node:test';
import {cliPath as cli} from '../helpers/pty-session.js';

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
