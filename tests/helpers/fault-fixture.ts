import {createHash} from 'node:crypto';
import {copyFile, lstat, mkdir, readdir, readFile, readlink, writeFile} from 'node:fs/promises';
import path from 'node:path';
import type {TestContext} from 'node:test';
import {samplesFolder} from './dataset.js';
import {type PtySession, startCli} from './pty-session.js';
import {makeTempDir} from './temp-dir.js';

/**
A dataset folder inside a sentinel parent: `<base>/dir` holds the images, `<base>/outside` a file
that must never be touched, and HOME and TMPDIR point into `<base>`, so anything the CLI writes
outside `<dir>` and `<out>` shows up in `outsideOf`.
*/
export type FaultFolder = {
	readonly base: string;
	readonly dir: string;
	readonly outside: string;
	/** HOME and TMPDIR for the CLI. */
	readonly env: Record<string, string>;
};

/** `files` maps a name in `<dir>` to a sample (`img_0002.jpg`), each a different photo. */
export async function makeFaultFolder(
	t: TestContext,
	files: Readonly<Record<string, string>>,
): Promise<FaultFolder> {
	const base = await makeTempDir(t, 'imgsift-faults-');
	const dir = path.join(base, 'dir');
	const outside = path.join(base, 'outside');
	const env = {HOME: path.join(base, 'home'), TMPDIR: path.join(base, 'tmp')};
	for (const folder of [dir, outside, env.HOME, env.TMPDIR]) {
		await mkdir(folder, {recursive: true});
	}

	await copyFile(path.join(samplesFolder, 'img_0039.jpg'), path.join(outside, 'secret.jpg'));
	await writeFile(path.join(base, 'sentinel.txt'), 'nothing may change here\n');
	for (const [name, sample] of Object.entries(files)) {
		await mkdir(path.dirname(path.join(dir, name)), {recursive: true});
		await copyFile(path.join(samplesFolder, sample), path.join(dir, name));
	}

	return {base, dir, outside, env};
}

const sha1 = (bytes: Buffer) => createHash('sha1').update(bytes).digest('hex');

/** Every entry under `folder` (relative path → sha1, `folder` or `-> target`), skipping `skip`. */
export async function treeOf(
	folder: string,
	skip: readonly string[] = [],
): Promise<Map<string, string>> {
	const found = new Map<string, string>();
	const entries = await readdir(folder, {recursive: true, withFileTypes: true});
	for (const entry of entries) {
		const absolute = path.join(entry.parentPath, entry.name);
		if (skip.some((skipped) => absolute === skipped || absolute.startsWith(`${skipped}/`))) {
			continue;
		}

		const stats = await lstat(absolute);
		const what = stats.isFile()
			? sha1(await readFile(absolute))
			: stats.isSymbolicLink()
				? `-> ${await readlink(absolute)}`
				: 'folder';
		found.set(path.relative(folder, absolute), what);
	}

	return found;
}

/** What lies outside `<dir>` and `<out>` in the sentinel parent: equal before and after a run. */
export async function outsideOf(folder: FaultFolder, out?: string): Promise<Map<string, string>> {
	return treeOf(folder.base, [folder.dir, ...(out === undefined ? [] : [out])]);
}

/**
The multiset of file contents under `roots` (imgsift's own `.labels` aside), as sorted sha1s:
equal before and after means no file was lost or doubled.
*/
export async function contentsUnder(...roots: string[]): Promise<string[]> {
	const hashes: string[] = [];
	for (const root of roots) {
		const labels = path.join(root, '.labels');
		for (const [, what] of await treeOf(root, [labels])) {
			if (what !== 'folder' && !what.startsWith('-> ')) {
				hashes.push(what);
			}
		}
	}

	return hashes.sort();
}

export async function sha1Of(file: string): Promise<string> {
	return sha1(await readFile(file));
}

/** `n/total decided` on the screen. */
export const decidedOn = (screen: string, total: number) =>
	Number(new RegExp(`(\\d+)/${total} decided`).exec(screen)?.[1] ?? Number.NaN);

/** Starts `label` in a pty on the folder, with HOME and TMPDIR inside the sentinel parent. */
export function startLabel(
	t: TestContext,
	folder: FaultFolder,
	args: readonly string[],
): PtySession {
	const cli = startCli(['label', folder.dir, ...args], {env: folder.env});
	let running = true;
	void cli.exited.then(() => {
		running = false;
	});
	// A failed assertion must not leave the program running: it holds the test runner open.
	t.after(() => {
		if (running) cli.kill('SIGKILL');
	});
	return cli;
}

/** Waits until `name` is on screen with its image decoded (the size line shows only then). */
export async function waitForImage(cli: PtySession, name: string): Promise<string> {
	return cli.waitFor(
		(screen) => screen.includes(name) && / × \d+ · /.test(screen),
		`${name} on screen`,
	);
}

/** Presses `key` on the image on screen and waits until `total` shows `decided` more. */
export async function decide(
	cli: PtySession,
	key: string,
	decided: number,
	total: number,
): Promise<void> {
	cli.write(key);
	await cli.waitFor((screen) => decidedOn(screen, total) === decided, `${decided} decided`);
}

/**
The screen's side panel (the right 32 of 120 columns) or image area (the rest) as one line of
text: wrapped lines joined with a space, so a long message can be matched whole.
*/
export function columnText(screen: string, column: 'panel' | 'image'): string {
	const panelStart = 120 - 32;
	return screen
		.split('\n')
		.map((line) => (column === 'panel' ? line.slice(panelStart) : line.slice(0, panelStart)))
		.join(' ')
		.replaceAll(/\s+/g, ' ')
		.trim();
}
