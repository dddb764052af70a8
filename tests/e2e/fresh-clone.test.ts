import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {copyFile, mkdir, readFile, realpath, symlink} from 'node:fs/promises';
import path from 'node:path';
import test, {type TestContext} from 'node:test';
import {fileURLToPath} from 'node:url';
import {samplesFolder} from '../helpers/dataset.js';
import {startProgram} from '../helpers/pty-session.js';
import {makeTempDir} from '../helpers/temp-dir.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const git = (cwd: string, ...args: string[]) =>
	execFileSync('git', args, {cwd, encoding: 'utf8'}).trim();

/** The README's own `npx imgsift …` line, as written, without its comment. */
async function readmeNpxCommand(root: string): Promise<string> {
	const readme = await readFile(path.join(root, 'README.md'), 'utf8');
	const line = readme.split('\n').find((text) => text.trimStart().startsWith('npx imgsift '));
	assert.ok(line, 'the README shows an npx imgsift command');
	return line.replace(/\s+#.*$/, '').trim();
}

/** This repository's committed branch, cloned and built as a user's `npm install` would. */
async function freshClone(t: TestContext, prefix: string) {
	const root = git(here, 'rev-parse', '--show-toplevel');
	const temp = await makeTempDir(t, prefix);
	const clone = path.join(temp, 'imgsift');
	// What `git clone` gives a user: committed files only, modes as git stores them.
	git(temp, 'clone', '--quiet', '--branch', git(root, 'branch', '--show-current'), root, clone);
	// Instead of `npm install`: the same packages, then the build its `prepare` script runs.
	await symlink(await realpath(path.join(root, 'node_modules')), path.join(clone, 'node_modules'));
	execFileSync('npm', ['run', 'prepare', '--silent'], {cwd: clone, stdio: 'pipe'});
	return {root, temp, clone};
}

test("a fresh clone runs the README's npx command and shows the first image", async (t) => {
	const {root, temp, clone} = await freshClone(t, 'imgsift-clone-');

	const home = path.join(temp, 'home');
	await mkdir(path.join(home, 'reviews'), {recursive: true});
	for (const name of ['img_0002.jpg', 'img_0022.png']) {
		await copyFile(path.join(samplesFolder, name), path.join(home, 'reviews', name));
	}

	const command = await readmeNpxCommand(root);
	assert.equal(command, 'npx imgsift ~/reviews --classes photo,screenshot');
	const runReadmeCommand = async (what: string) => {
		// A shell, so `~` expands as it does for the user; a fresh HOME starts npx's cache empty.
		const cli = startProgram('sh', ['-c', command], {
			cwd: clone,
			env: {HOME: home, npm_config_offline: 'true', npm_config_update_notifier: 'false'},
		});
		t.after(() => cli.kill());
		const screen = await cli.waitFor(
			(text) => text.includes('img_0002.jpg') && /[▀▄]/.test(text),
			`the first image on screen (${what})`,
			90_000,
		);
		assert.doesNotMatch(screen, /Permission denied/);
		cli.write('q');
		assert.equal((await cli.exited).exitCode, 0, cli.output().slice(-500));
	};

	await runReadmeCommand('after the install');
	// npx links the project into its cache once; a later build (npm test, npm run bench) writes a
	// new dist/cli.js, and only the build itself can make that one executable.
	execFileSync('npm', ['run', 'build', '--silent'], {cwd: clone, stdio: 'pipe'});
	await runReadmeCommand('after a rebuild');
});

test("a fresh clone's `npm start` labels the bundled demo through the imgsift launcher", async (t) => {
	const {temp, clone} = await freshClone(t, 'imgsift-start-');

	// The demo's copies go to a temp folder of this test's own.
	const cli = startProgram('npm', ['start', '--silent'], {
		cwd: clone,
		env: {TMPDIR: temp, npm_config_update_notifier: 'false'},
	});
	t.after(() => cli.kill());
	await cli.waitFor(
		(text) => /img_\d{4}\.\w+/.test(text) && /[▀▄]/.test(text),
		'the demo image on screen',
		60_000,
	);
	cli.write('q');
	const {exitCode} = await cli.exited;
	assert.equal(exitCode, 0, cli.output().slice(-500));
	assert.match(cli.output(), /imgsift demo: the labeled copy is in/);
});
