import {createHash} from 'node:crypto';
import type {Dirent} from 'node:fs';
import {
	lchown,
	lstat,
	mkdir,
	readdir,
	readFile,
	readlink,
	symlink,
	writeFile,
} from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import {texturePixels} from './image-files.js';

/** A 255-byte name (the ext4 maximum) in 91 characters: Korean syllables take 3 bytes each. */
export const longName = `long-${'가'.repeat(82)}.jpg`;

/**
Image files whose names attack the terminal or the filesystem, relative to `dir`. Each gets its
own content, so a file that lands twice or not at all changes the multiset of hashes.
*/
export const hostileNames = [
	'title\u001B]0;pwned\u0007.jpg',
	'clear\u001B[2J.jpg',
	'c1\u009B31mred.jpg',
	'new\nline.jpg',
	'tab\tbed.jpg',
	'with  spaces in it.jpg',
	'사진 NFC.jpg'.normalize('NFC'),
	'사진 NFD.jpg'.normalize('NFD'),
	longName,
	'readonly.jpg',
	'locked/one.jpg',
	'locked/two.jpg',
	'sub/inner.jpg',
] as const;

/** The name as a person can read it: how the screen and messages must show it. */
export const escapedNames: Readonly<Record<string, string>> = {
	'title\u001B]0;pwned\u0007.jpg': 'title\\x1b]0;pwned\\x07.jpg',
	'clear\u001B[2J.jpg': 'clear\\x1b[2J.jpg',
	'c1\u009B31mred.jpg': 'c1\\x9b31mred.jpg',
	'new\nline.jpg': 'new\\nline.jpg',
	'tab\tbed.jpg': 'tab\\tbed.jpg',
};

/** Bytes that are not UTF-8 (`bad-\xff\xfe.jpg`): the walk cannot name it, so it must say so. */
export const invalidUtf8Name = Buffer.concat([
	Buffer.from('bad-'),
	Buffer.from([0xff, 0xfe]),
	Buffer.from('.jpg'),
]);

export type HostileDataset = {
	/** Holds everything below; chowned to `owner` so the CLI could write anywhere in it. */
	readonly base: string;
	readonly dir: string;
	/** Holds `secret.jpg` and `folder/far.jpg`, linked from inside `dir`. */
	readonly outside: string;
	/** HOME and TMPDIR for the CLI: nothing may appear in them. */
	readonly home: string;
	readonly tmp: string;
	/** Symlinks inside `dir`, relative, with their targets as written. */
	readonly links: Readonly<Record<string, string>>;
};

async function imageBytes(seed: number): Promise<Buffer> {
	const [width, height] = [48, 32];
	return sharp(texturePixels(width, height, seed), {raw: {width, height, channels: 3}})
		.resize(96, 64, {kernel: 'nearest'})
		.jpeg({quality: 80})
		.toBuffer();
}

/**
Builds the hostile dataset under `base`: every name of `hostileNames`, the invalid UTF-8 name, a
symlink loop, a link to the parent, and links to a file and a folder outside `dir`.
Read-only bits are set by the caller (`lockDataset`), after the CLI user owns the files.
*/
export async function makeHostileDataset(base: string): Promise<HostileDataset> {
	const dir = path.join(base, 'dir');
	const outside = path.join(base, 'outside');
	const home = path.join(base, 'home');
	const tmp = path.join(base, 'tmp');
	for (const folder of [dir, path.join(dir, 'locked'), path.join(dir, 'sub'), home, tmp]) {
		await mkdir(folder, {recursive: true});
	}

	await mkdir(path.join(outside, 'folder'), {recursive: true});
	let seed = 1;
	for (const name of hostileNames) {
		await writeFile(path.join(dir, name), await imageBytes(seed++));
	}

	await writeFile(
		Buffer.concat([Buffer.from(`${dir}/`), invalidUtf8Name]),
		await imageBytes(seed++),
	);
	await writeFile(path.join(outside, 'secret.jpg'), await imageBytes(seed++));
	await writeFile(path.join(outside, 'folder', 'far.jpg'), await imageBytes(seed++));
	const links = {
		'loop-a.jpg': 'loop-b.jpg',
		'loop-b.jpg': 'loop-a.jpg',
		'sub/up': '..',
		'escape.jpg': path.join(outside, 'secret.jpg'),
		elsewhere: path.join(outside, 'folder'),
	};
	for (const [name, target] of Object.entries(links)) {
		await symlink(target, path.join(dir, name));
	}

	return {base, dir, outside, home, tmp, links};
}

/** Every entry under `folder` as byte paths (recursive readdir in Node 20 cannot take buffers). */
async function entriesUnder(
	folder: Buffer,
): Promise<Array<{path: Buffer; dirent: Dirent<Buffer>}>> {
	const found: Array<{path: Buffer; dirent: Dirent<Buffer>}> = [];
	for (const dirent of await readdir(folder, {withFileTypes: true, encoding: 'buffer'})) {
		const entryPath = Buffer.concat([folder, Buffer.from('/'), dirent.name]);
		found.push({path: entryPath, dirent});
		if (dirent.isDirectory()) {
			found.push(...(await entriesUnder(entryPath)));
		}
	}

	return found;
}

/** Hands every entry under `folder` (links themselves, not their targets) to uid:gid. */
export async function chownTree(folder: string, uid: number, gid: number): Promise<void> {
	await lchown(folder, uid, gid);
	for (const entry of await entriesUnder(Buffer.from(folder))) {
		await lchown(entry.path, uid, gid);
	}
}

export type TreeEntry = {
	readonly kind: 'file' | 'link' | 'folder';
	/** sha1 for files, the target for links. */
	readonly content: string;
	readonly mtimeMs: number;
	readonly mode: number;
};

/**
Every entry under `folder`, keyed by its relative path with bytes that are not UTF-8 shown as
`\xff`; links are not followed. What a test compares before and after to prove what changed.
*/
export async function snapshotTree(folder: string): Promise<Map<string, TreeEntry>> {
	const found = new Map<string, TreeEntry>();
	const root = Buffer.from(`${folder}/`);
	for (const {path: entryPath, dirent} of await entriesUnder(Buffer.from(folder))) {
		const stats = await lstat(entryPath);
		const content = dirent.isFile()
			? createHash('sha1')
					.update(await readFile(entryPath))
					.digest('hex')
			: dirent.isSymbolicLink()
				? await readlink(entryPath, 'utf8')
				: '';
		const kind = dirent.isFile() ? 'file' : dirent.isSymbolicLink() ? 'link' : 'folder';
		found.set(readableName(entryPath.subarray(root.length)), {
			kind,
			content,
			mtimeMs: stats.mtimeMs,
			mode: stats.mode,
		});
	}

	return found;
}

/** A byte name as text, with every byte that is not part of valid UTF-8 written as `\xNN`. */
export function readableName(name: Buffer): string {
	const decoder = new TextDecoder('utf-8', {fatal: true});
	let text = '';
	for (let at = 0; at < name.length; ) {
		// A UTF-8 sequence is 1 to 4 bytes: take the shortest that decodes, else one raw byte.
		const length = [1, 2, 3, 4].find((size) => {
			try {
				decoder.decode(name.subarray(at, at + size));
				return at + size <= name.length;
			} catch {
				return false;
			}
		});
		if (length === undefined) {
			text += `\\x${name[at]?.toString(16).padStart(2, '0')}`;
			at++;
		} else {
			text += decoder.decode(name.subarray(at, at + length));
			at += length;
		}
	}

	return text;
}

/** Sorted SHA-1s of the regular files in a snapshot: equal before and after means none lost. */
export function fileHashes(snapshot: Map<string, TreeEntry>): string[] {
	return [...snapshot.values()]
		.filter((entry) => entry.kind === 'file')
		.map((entry) => entry.content)
		.sort();
}
