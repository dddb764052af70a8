import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {chmod, mkdir, readdir, symlink, writeFile} from 'node:fs/promises';
import path from 'node:path';
import test, {type TestContext} from 'node:test';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {showBytes} from '../../source/scan/walk.js';
import {makeTree, tempDir, walkAll} from './fixture.js';

test('symlinks are never followed nor yielded, only counted as skipped', async (t) => {
	const dir = await tempDir(t);
	const outside = await tempDir(t);
	await makeTree(outside, ['real.jpg', 'photos/p.jpg']);
	await makeTree(dir, ['real.jpg', 'sub/s.jpg']);
	await symlink(dir, path.join(dir, 'loop'));
	await symlink('..', path.join(dir, 'sub/up'));
	await symlink(path.join(outside, 'real.jpg'), path.join(dir, 'escape.jpg'));
	await symlink(path.join(outside, 'photos'), path.join(dir, 'linked-folder'));
	await symlink(path.join(outside, 'gone.png'), path.join(dir, 'dangling.png'));

	const {paths, summary, skipped} = await walkAll(dir);
	assert.deepEqual(paths, ['real.jpg', 'sub/s.jpg']);
	assert.deepEqual(
		skipped.map(([relative]) => relative),
		['dangling.png', 'escape.jpg', 'linked-folder', 'loop', 'sub/up'],
	);
	assert.match(skipped[0]?.[1] ?? '', /symbolic link/);
	assert.deepEqual(summary, {images: 2, skipped: 5, problems: 0});
});

test('names that are not valid UTF-8 are reported, not yielded', async (t) => {
	const dir = await tempDir(t);
	const bytePath = (...parts: Array<string | number[]>) =>
		Buffer.concat(
			parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : Buffer.from(part))),
		);
	try {
		await writeFile(bytePath(dir, '/bad', [0xff], '.jpg'), '');
	} catch (error) {
		t.skip(`this file system rejects names that are not UTF-8 (${String(error)})`);
		return;
	}

	await mkdir(bytePath(dir, '/dir', [0xfe]));
	await writeFile(bytePath(dir, '/dir', [0xfe], '/inside.jpg'), '');
	await writeFile(bytePath(dir, '/notes', [0xff], '.txt'), '');
	await makeTree(dir, ['good.jpg', 'ok/fine.png']);

	const {paths, problems, summary} = await walkAll(dir);
	assert.deepEqual(paths, ['good.jpg', 'ok/fine.png']);
	assert.deepEqual(
		problems.map(([relative]) => relative),
		['bad\\xff.jpg', 'dir\\xfe'],
	);
	for (const [, reason] of problems) {
		assert.match(reason, /not valid UTF-8; rename it/);
	}

	assert.equal(summary.problems, 2);
});

const runFile = promisify(execFile);
const walkModule = fileURLToPath(new URL('../../source/scan/walk.js', import.meta.url));
const nobody = 65_534;

const asNobody = {uid: nobody, gid: nobody};

/** Whether a child process can run as an unprivileged user and load the walk module. */
async function canRunAsNobody(dir: string): Promise<string | undefined> {
	const probe = `await import(${JSON.stringify(walkModule)}); await import('node:fs').then((fs) => fs.promises.readdir(${JSON.stringify(dir)}));`;
	try {
		await runFile(process.execPath, ['--input-type=module', '-e', probe], asNobody);
		return undefined;
	} catch (error) {
		return String(error);
	}
}

/** Walks as an unprivileged user in a child process: root reads any folder regardless of mode. */
async function walkAsNobody(dir: string): Promise<{paths: string[]; problems: string[][]}> {
	const script = `
		const {walkImages} = await import(${JSON.stringify(walkModule)});
		const problems = [];
		const paths = [];
		const walk = walkImages(${JSON.stringify(dir)}, {ignore: [], onProblem: (p, r) => problems.push([p, r])});
		for await (const batch of walk) paths.push(...batch);
		console.log(JSON.stringify({paths, problems}));`;
	const {stdout} = await runFile(process.execPath, ['--input-type=module', '-e', script], asNobody);
	return JSON.parse(stdout) as {paths: string[]; problems: string[][]};
}

test('an unreadable folder is reported and skipped, not fatal', async (t) => {
	const dir = await tempDir(t);
	await makeTree(dir, ['locked/a.jpg', 'open/b.jpg', 'z.jpg']);
	await chmod(path.join(dir, 'locked'), 0o000);
	try {
		await checkUnreadableFolder(t, dir);
	} finally {
		// Before the temp folder is removed: a non-root user cannot remove a folder it cannot list.
		await chmod(path.join(dir, 'locked'), 0o755);
	}
});

async function checkUnreadableFolder(t: TestContext, dir: string): Promise<void> {
	const rootReadsAnyway = await readdir(path.join(dir, 'locked')).then(
		() => true,
		() => false,
	);
	if (!rootReadsAnyway) {
		const {paths, problems, summary} = await walkAll(dir);
		assert.deepEqual(paths, ['open/b.jpg', 'z.jpg']);
		assert.deepEqual(
			problems.map(([relative]) => relative),
			['locked'],
		);
		assert.match(problems[0]?.[1] ?? '', /permission denied/);
		assert.equal(summary.problems, 1);
		return;
	}

	// Running as root: check the same as an unprivileged user, when this machine allows it.
	await chmod(dir, 0o755);
	const cannotRun = await canRunAsNobody(dir);
	if (cannotRun !== undefined) {
		t.skip(`root reads any folder, and running as uid ${nobody} failed: ${cannotRun}`);
		return;
	}

	const result = await walkAsNobody(dir);

	assert.deepEqual(result.paths, ['open/b.jpg', 'z.jpg']);
	assert.deepEqual(
		result.problems.map(([relative]) => relative),
		['locked'],
	);
	assert.match(result.problems[0]?.[1] ?? '', /permission denied/);
}

test('a name that is not UTF-8 is shown with its bad bytes as \\xNN, valid characters kept', () => {
	const name = Buffer.concat([
		Buffer.from('a가'),
		Buffer.from([0xff, 0xea, 0xb0]),
		Buffer.from('.jpg'),
	]);
	assert.equal(showBytes(name), 'a가\\xff\\xea\\xb0.jpg');
	assert.equal(showBytes(Buffer.from('사진 1.jpg')), '사진 1.jpg');
});
