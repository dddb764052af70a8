import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import test from 'node:test';
import {mallocArenaNote, youngGenerationCapMiB} from '../../source/app/doctor.js';
import {cliPath} from '../helpers/pty-session.js';

type DoctorJson = {
	memory: {
		glibc: string | null;
		mallocArenaMax: string | null;
		youngGenerationMaxMiB: number | null;
	};
};

const withoutCap = (): NodeJS.ProcessEnv => {
	const env: NodeJS.ProcessEnv = {...process.env, TERM: 'dumb', TMUX: ''};
	delete env['MALLOC_ARENA_MAX'];
	return env;
};

test('the imgsift command caps malloc arenas unless the user chose; node with the file does not', (t) => {
	// Run as npx and a global install run it: the file itself, through its launcher line.
	const launched = spawnSync(cliPath, ['doctor', '--json'], {encoding: 'utf8', env: withoutCap()});
	assert.equal(launched.status, 0, launched.stderr);
	const launchedMemory = (JSON.parse(launched.stdout) as DoctorJson).memory;
	assert.equal(launchedMemory.mallocArenaMax, '2');
	// And V8's young generation at 16 MiB, not its own 32.
	assert.equal(launchedMemory.youngGenerationMaxMiB, 16);
	// A value the user set is theirs; the launcher only fills in a missing one.
	const own = spawnSync(cliPath, ['doctor', '--json'], {
		encoding: 'utf8',
		env: {...withoutCap(), MALLOC_ARENA_MAX: '4'},
	});
	assert.equal((JSON.parse(own.stdout) as DoctorJson).memory.mallocArenaMax, '4', own.stderr);
	// The launcher is POSIX sh: arguments reach imgsift as given, spaces and all.
	const spaced = spawnSync(cliPath, ['status', '/no such folder'], {
		encoding: 'utf8',
		env: withoutCap(),
	});
	assert.equal(spaced.status, 1);
	assert.match(spaced.stderr, /\/no such folder does not exist/);

	const direct = spawnSync(process.execPath, [cliPath, 'doctor', '--json'], {
		encoding: 'utf8',
		env: withoutCap(),
	});
	assert.equal(direct.status, 0, direct.stderr);
	const directMemory = (JSON.parse(direct.stdout) as DoctorJson).memory;
	assert.equal(directMemory.mallocArenaMax, null);
	assert.equal(directMemory.youngGenerationMaxMiB, null);

	if (launchedMemory.glibc === null) {
		t.diagnostic('not glibc: the text line is left out, as tested below');
		return;
	}

	const text = spawnSync(cliPath, ['doctor'], {encoding: 'utf8', env: withoutCap()});
	assert.match(text.stdout, /malloc arenas: +at most 2 \(MALLOC_ARENA_MAX\)/);
	assert.match(text.stdout, /young generation: +at most 16 MiB/);
	const plain = spawnSync(process.execPath, [cliPath, 'doctor'], {
		encoding: 'utf8',
		env: withoutCap(),
	});
	assert.match(plain.stdout, /malloc arenas: +not capped: run the imgsift command/);
	assert.match(plain.stdout, /young generation: +up to 32 MiB: run the imgsift command/);
});

test('the young generation cap is read from either spelling of the flag, with or without =', () => {
	assert.equal(youngGenerationCapMiB(['--max-semi-space-size=8']), 16);
	assert.equal(youngGenerationCapMiB(['--inspect', '--max_semi_space_size', '4']), 8);
	assert.equal(youngGenerationCapMiB(['--max-semi-space-size=']), undefined);
	assert.equal(youngGenerationCapMiB(['--max-old-space-size=8']), undefined);
	assert.equal(youngGenerationCapMiB([]), undefined);
});

test('the arena line is only for glibc, and escapes what the environment holds', () => {
	assert.equal(mallocArenaNote(undefined, {MALLOC_ARENA_MAX: '2'}), undefined);
	assert.equal(mallocArenaNote('2.36', {MALLOC_ARENA_MAX: '4'}), 'at most 4 (MALLOC_ARENA_MAX)');
	assert.doesNotMatch(mallocArenaNote('2.36', {MALLOC_ARENA_MAX: '2\u001B[2J'}) ?? '', /\u001B/);
	assert.match(mallocArenaNote('2.36', {}) ?? '', /^not capped/);
});
