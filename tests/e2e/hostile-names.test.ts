import assert from 'node:assert/strict';
import {chmod, mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import xterm from '@xterm/headless';
import {
	chownTree,
	escapedNames,
	fileHashes,
	type HostileDataset,
	hostileNames,
	longName,
	makeHostileDataset,
	snapshotTree,
	type TreeEntry,
} from '../helpers/hostile-dataset.js';
import {startCli} from '../helpers/pty-session.js';
import {type CliUser, canCreateIn, runCli, unprivilegedUser} from '../helpers/run-as.js';

// Everything a terminal could act on except the newline that ends lines.
const rawControl = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/;
const badName = 'bad-\\xff\\xfe.jpg';
const linkNames = ['elsewhere', 'escape.jpg', 'loop-a.jpg', 'loop-b.jpg', 'sub/up'];

type Report = Record<string, unknown>;

/** Fragments of the hostile names that must never reach the terminal as bytes. */
const rawFragments = [
	'\u001B]0;pwned',
	'pwned\u0007',
	'clear\u001B',
	'\u009B',
	'new\nline',
	'new\r\nline',
	'tab\tbed',
];

/** Labels every image in a pty, one key each; returns every screen seen and the raw output. */
async function labelAll(data: HostileDataset, out: string, user: CliUser | undefined) {
	const env = {HOME: data.home, TMPDIR: data.tmp};
	const args = ['label', data.dir, '--classes', 'photo,screenshot', '--out', out];
	const cli = startCli([...args, '--no-commit-on-exit'], {env, columns: 120, rows: 30, user});
	const screens: string[] = [];
	for (let index = 0; index < hostileNames.length; index++) {
		// The size line shows once the image decoded: every name opens as a file.
		screens.push(
			await cli.waitFor(
				(screen) => screen.includes(`${index}/13 decided`) && screen.includes('96 × 64'),
				`image ${index + 1} shown`,
			),
		);
		cli.write(index % 2 === 0 ? '1' : '2');
	}

	screens.push(await cli.waitFor((screen) => screen.includes('13/13 decided'), 'all decided'));
	cli.write('q');
	const {exitCode} = await cli.exited;
	assert.equal(exitCode, 0, cli.output().slice(-2000));
	return {screens, raw: cli.output()};
}

/** Titles a real terminal would have set while showing `raw`. */
async function titlesSetBy(raw: string): Promise<string[]> {
	const terminal = new xterm.Terminal({cols: 120, rows: 30, allowProposedApi: true});
	const titles: string[] = [];
	terminal.onTitleChange((title) => titles.push(title));
	await new Promise<void>((resolve) => {
		terminal.write(raw, resolve);
	});
	terminal.dispose();
	return titles;
}

/** Whether a snapshot key is `folder` or inside it. */
const isUnder = (key: string, folder: string) => key === folder || key.startsWith(`${folder}/`);

function without(snapshot: Map<string, TreeEntry>, folders: string[]): Map<string, TreeEntry> {
	return new Map([...snapshot].filter(([key]) => !folders.some((folder) => isUnder(key, folder))));
}

test('hostile names, links and read-only files: check, label, commit, status lose nothing', async (t) => {
	const runAs = await unprivilegedUser();
	if (typeof runAs === 'string') {
		t.skip(runAs);
		return;
	}

	const {user} = runAs;
	const base = await mkdtemp(path.join(os.tmpdir(), 'imgsift-hostile-'));
	const data = await makeHostileDataset(base);
	const out = path.join(base, 'out');
	const locked = path.join(data.dir, 'locked');
	t.after(async () => {
		await chmod(locked, 0o755).catch(() => undefined);
		await rm(base, {recursive: true, force: true});
	});
	if (user) {
		await chownTree(base, user.uid, user.gid);
	}

	await chmod(locked, 0o555);
	await chmod(path.join(data.dir, 'readonly.jpg'), 0o444);
	assert.equal(await canCreateIn(locked, user), false, 'the read-only folder refuses writes');
	const before = await snapshotTree(base);
	const env = {HOME: data.home, TMPDIR: data.tmp};
	const cli = async (...args: string[]) => runCli(args, {user, env});

	// check: every entry is a file checked, a link skipped, or a name reported.
	const check = await cli('check', data.dir, '--json');
	assert.equal(check.status, 1, check.stderr);
	assert.doesNotMatch(check.stdout, rawControl, 'JSON escapes every control character');
	const report = JSON.parse(check.stdout) as Report;
	const files = report['files'] as Array<{path: string; status: string}>;
	assert.deepEqual(files.map((file) => file.path).sort(), [...hostileNames].sort());
	assert.ok(files.every((file) => file.status === 'ok'));
	const skipped = report['skipped'] as Array<{path: string; reason: string}>;
	assert.deepEqual(skipped.map((entry) => entry.path).sort(), linkNames);
	assert.ok(skipped.every((entry) => /symbolic link, not followed/.test(entry.reason)));
	const problems = report['walkProblems'] as Array<{path: string; reason: string}>;
	assert.deepEqual(
		problems.map((entry) => entry.path),
		[badName],
	);
	assert.match(problems[0]?.reason ?? '', /not valid UTF-8; rename it/);
	const text = await cli('check', data.dir);
	assert.doesNotMatch(text.stdout + text.stderr, rawControl);
	assert.match(text.stdout, new RegExp(`${badName.replaceAll('\\', '\\\\')}: name is not valid`));
	assert.match(text.stdout, /skipped: sub\/up: symbolic link, not followed/);

	// label: every name shown escaped; no name-borne byte reaches the terminal.
	const {screens, raw} = await labelAll(data, out, user);
	const seen = screens.join('\n');
	for (const shown of [
		...Object.values(escapedNames),
		'with  spaces in it.jpg',
		'locked/one.jpg',
	]) {
		assert.ok(seen.includes(shown), `${shown} on screen`);
	}

	assert.ok(seen.includes(longName.slice(0, 15)), 'the 255-byte name, wrapped');
	assert.ok(seen.includes('사진 NFC.jpg') && seen.includes('사진 NFD.jpg'.normalize('NFD')));
	for (const fragment of rawFragments) {
		assert.equal(raw.includes(fragment), false, `raw ${JSON.stringify(fragment)} reached the pty`);
	}

	assert.deepEqual(await titlesSetBy(raw), [], 'no file name set the window title');
	assert.match(raw, /The scan left out 1 file or folder:/);
	assert.ok(raw.includes(`${badName}: name is not valid UTF-8; rename it`), 'named at exit');

	const pending = JSON.parse((await cli('status', data.dir, '--json')).stdout) as Report;
	assert.deepEqual([pending['decided'], pending['pendingMoves']], [13, 13]);
	assert.ok(
		(pending['warnings'] as string[]).some((warning) => warning.includes(badName)),
		'status names the file it cannot count',
	);

	// commit: the read-only folder's files fail with what to do, and stay decided.
	const commit = await cli('commit', data.dir);
	assert.equal(commit.status, 1, commit.stderr);
	assert.doesNotMatch(commit.stdout, rawControl);
	assert.match(commit.stdout, /Moved 11 files/);
	for (const name of ['locked/one.jpg', 'locked/two.jpg']) {
		assert.match(
			commit.stdout,
			new RegExp(
				`Failed: ${name} \\(\\w+\\): permission denied; give your user write access.*It stays in place; the next commit retries it`,
			),
		);
	}

	const midway = await snapshotTree(base);
	for (const name of ['locked/one.jpg', 'locked/two.jpg']) {
		assert.deepEqual(midway.get(`dir/${name}`), before.get(`dir/${name}`), `${name} in place`);
	}

	const partly = JSON.parse((await cli('status', data.dir, '--json')).stdout) as Report;
	assert.deepEqual([partly['committed'], partly['pendingMoves']], [11, 2]);
	await chmod(locked, 0o755);
	const retry = await cli('commit', data.dir);
	assert.equal(retry.status, 0, retry.stdout + retry.stderr);
	assert.match(retry.stdout, /Moved 2 files/);
	const done = JSON.parse((await cli('status', data.dir, '--json')).stdout) as Report;
	assert.deepEqual([done['committed'], done['pendingMoves'], done['decided']], [13, 0, 13]);

	assertNothingLost(before, await snapshotTree(base));
});

/** Every file once, moved ones whole; links, the outside, HOME and TMPDIR untouched. */
function assertNothingLost(before: Map<string, TreeEntry>, after: Map<string, TreeEntry>): void {
	assert.deepEqual(
		fileHashes(without(after, ['dir/.labels'])),
		fileHashes(before),
		'the multiset of file contents is unchanged',
	);
	for (const name of hostileNames) {
		const original = before.get(`dir/${name}`);
		const landed = [...after].filter(
			([, entry]) => entry.kind === 'file' && entry.content === original?.content,
		);
		assert.equal(landed.length, 1, `${JSON.stringify(name)} exactly once`);
		const [where, entry] = landed[0] ?? [];
		assert.match(where ?? '', /^out\/(photo|screenshot)\/[^/]+$/, JSON.stringify(name));
		assert.equal(path.basename(where ?? ''), path.basename(name), 'under its own name');
		assert.equal(entry?.mode, original?.mode, 'its permission bits kept');
	}

	assert.deepEqual(after.get(`dir/${badName}`), before.get(`dir/${badName}`), 'left in place');
	for (const link of linkNames) {
		assert.deepEqual(after.get(`dir/${link}`), before.get(`dir/${link}`), `${link} untouched`);
	}

	const added = [...without(after, ['dir/.labels'])].filter(
		([key, entry]) => isUnder(key, 'dir') && entry.kind !== 'folder' && !before.has(key),
	);
	assert.deepEqual(added, [], 'nothing new in dir but .labels');
	// Outside dir and out: the linked-to file and folder, HOME and TMPDIR, exactly as before.
	assert.deepEqual(without(after, ['dir', 'out']), without(before, ['dir', 'out']));
}
