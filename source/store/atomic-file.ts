import {randomBytes} from 'node:crypto';
import {mkdir, open, readFile, rename, rm} from 'node:fs/promises';
import path from 'node:path';
import type {Adapter} from 'lowdb';
import {describeFsError, errorCode, writeRemedy} from '../shared/fs-errors.js';
import {UserError} from '../shared/user-error.js';
import {describeJsonErrorPlace, jsonErrorOffset} from './json-error-place.js';

/** A whole-file text store in the style of lowdb's adapters: `undefined` means no file yet. */
export type TextAdapter = {
	read(): Promise<string | undefined>;
	write(text: string): Promise<void>;
};

/**
Fsyncs a folder so a rename or a new file inside it survives a power cut. Some platforms and file
systems cannot fsync a folder (Windows, some network mounts); there it is skipped.
*/
export async function syncFolder(folder: string): Promise<void> {
	let handle: Awaited<ReturnType<typeof open>> | undefined;
	try {
		handle = await open(folder, 'r');
		await handle.sync();
	} catch (error) {
		const code = errorCode(error);
		if (
			code !== 'EISDIR' &&
			code !== 'EINVAL' &&
			code !== 'EPERM' &&
			code !== 'EBADF' &&
			code !== 'ENOTSUP'
		) {
			throw error;
		}
	} finally {
		await handle?.close();
	}
}

/**
Writes `text` to `file` so that after a crash or power cut the file holds either the old text or
all of the new: temp file, fsync, rename, fsync of the folder. Text given in pieces is written
piece by piece, never joined: a 100k-item snapshot is 18 MB of JSON.
*/
async function writeAtomically(file: string, text: string | Iterable<string>): Promise<void> {
	const folder = path.dirname(file);
	// Unique per process and call, so two processes never share a temp file.
	const temp = path.join(
		folder,
		`.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
	);
	let handle: Awaited<ReturnType<typeof open>> | undefined;
	try {
		handle = await open(temp, 'wx');
		if (typeof text === 'string') {
			await handle.writeFile(text, 'utf8');
		} else {
			for (const piece of text) await handle.writeFile(piece, 'utf8');
		}

		await handle.sync();
		await handle.close();
		handle = undefined;
		await rename(temp, file);
		await syncFolder(folder);
	} catch (error) {
		await handle?.close().catch(() => undefined);
		await rm(temp, {force: true}).catch(() => undefined);
		throw new UserError(
			`could not write ${file}: ${describeFsError(error)}. ${writeRemedy(error)}, then try again; the previous version of the file is unchanged.`,
			{cause: error},
		);
	}
}

/** `value` as one JSON line, written atomically; its folder is made first when missing. */
export async function writeJsonAtomically(file: string, value: unknown): Promise<void> {
	await mkdir(path.dirname(file), {recursive: true});
	await writeAtomically(file, `${JSON.stringify(value)}\n`);
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' &&
	value !== null &&
	!Array.isArray(value) &&
	typeof (value as {toJSON?: unknown}).toJSON !== 'function';

/**
`JSON.stringify(value)` in pieces: the properties of plain objects down to `depth` levels are
serialized one at a time, so the whole text is never held. Joined, the pieces are the same text.
*/
export function* jsonPieces(value: unknown, depth: number): Generator<string> {
	if (depth <= 0 || !isPlainObject(value)) {
		// JSON.stringify gives undefined only for a value it leaves out (never at the top).
		yield JSON.stringify(value) ?? 'null';
		return;
	}

	let first = true;
	for (const [key, inner] of Object.entries(value)) {
		const skipped = inner === undefined || typeof inner === 'function' || typeof inner === 'symbol';
		if (skipped) continue;
		yield `${first ? '{' : ','}${JSON.stringify(key)}:`;
		first = false;
		yield* jsonPieces(inner, depth - 1);
	}

	yield first ? '{}' : '}';
}

/** Like writeJsonAtomically, from `jsonPieces(value, depth)`: the same bytes, never whole. */
export async function writeJsonPiecesAtomically(
	file: string,
	value: unknown,
	depth: number,
): Promise<void> {
	await mkdir(path.dirname(file), {recursive: true});
	await writeAtomically(
		file,
		(function* () {
			yield* jsonPieces(value, depth);
			yield '\n';
		})(),
	);
}

/**
Reads and writes one text file atomically: a write goes to a temp file in the same folder, is
fsynced, renamed over the target, and the folder is fsynced. Writes on one adapter never overlap;
writes that arrive while one is running collapse into the newest text (last write wins), and
every caller's promise settles once text at least as new as its own is on disk.
*/
export function atomicTextFile(file: string): TextAdapter {
	let running = false;
	let next: {text: string; promise: Promise<void>; settle: (error?: unknown) => void} | undefined;

	const drain = (): void => {
		const queued = next;
		next = undefined;
		if (queued === undefined) {
			running = false;
			return;
		}

		writeAtomically(file, queued.text).then(
			() => queued.settle(),
			(error: unknown) => queued.settle(error ?? new Error('write failed')),
		);
	};

	const enqueue = (text: string): Promise<void> => {
		if (next !== undefined) {
			next.text = text;
			return next.promise;
		}

		let settle: (error?: unknown) => void = () => undefined;
		const promise = new Promise<void>((resolve, reject) => {
			settle = (error?: unknown) => {
				drain();
				if (error === undefined) {
					resolve();
				} else {
					reject(error);
				}
			};
		});
		next = {text, promise, settle};
		return promise;
	};

	return {
		async read() {
			try {
				return await readFile(file, 'utf8');
			} catch (error) {
				if (errorCode(error) === 'ENOENT') {
					return undefined;
				}

				throw new UserError(
					`could not read ${file}: ${describeFsError(error)}. Check that it is a readable file.`,
					{cause: error},
				);
			}
		},

		async write(text) {
			if (running) {
				return enqueue(text);
			}

			running = true;
			try {
				await writeAtomically(file, text);
			} finally {
				drain();
			}
		},
	};
}

/**
A lowdb adapter storing T as pretty JSON through `atomicTextFile`. A missing or blank file reads
as null (lowdb then uses its default data); invalid JSON is a UserError naming the file and place.
*/
export function jsonFileAdapter<T>(file: string): Adapter<T> {
	const text = atomicTextFile(file);
	return {
		async read() {
			const content = await text.read();
			if (content === undefined || content.trim() === '') {
				return null;
			}

			try {
				return JSON.parse(content) as T;
			} catch (error) {
				const offset = jsonErrorOffset(content);
				const place = offset === undefined ? '' : ` (${describeJsonErrorPlace(content, offset)})`;
				throw new UserError(
					`${file} is not valid JSON${place}. Fix it by hand, or move it away and imgsift will recreate it.`,
					{cause: error},
				);
			}
		},

		async write(data) {
			await text.write(`${JSON.stringify(data, null, '\t')}\n`);
		},
	};
}
