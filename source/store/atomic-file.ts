import {randomBytes} from 'node:crypto';
import {mkdir, open, readFile, rename, rm} from 'node:fs/promises';
import path from 'node:path';
import type {Adapter} from 'lowdb';
import {describeFsError, errorCode, writeRemedy} from '../shared/fs-errors.js';
import {jsonParts} from '../shared/json-parts.js';
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
all of the new: temp file, fsync, rename, fsync of the folder.
*/
async function writeAtomically(file: string, parts: Iterable<string | Uint8Array>): Promise<void> {
	const folder = path.dirname(file);
	// Unique per process and call, so two processes never share a temp file.
	const temp = path.join(
		folder,
		`.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
	);
	let handle: Awaited<ReturnType<typeof open>> | undefined;
	try {
		handle = await open(temp, 'wx');
		// Part by part, each from where the last ended: no joined copy of a big text. Small parts
		// are gathered into writes of about a megabyte.
		let gathered = '';
		for (const part of parts) {
			if (typeof part !== 'string') {
				// Bytes (a snapshot's column blocks) go as they are, after the text before them.
				if (gathered !== '') await handle.writeFile(gathered, 'utf8');
				gathered = '';
				await handle.writeFile(part);
				continue;
			}

			gathered += part;
			if (gathered.length >= 1 << 20) {
				await handle.writeFile(gathered, 'utf8');
				gathered = '';
			}
		}

		await handle.writeFile(gathered, 'utf8');

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

/**
Text made part by part (a generator of lines), written atomically like atomicTextFile's writes:
for files too big to hold joined, such as the check cache of 100,000 lines. A part may be bytes.
*/
export async function writePartsAtomically(
	file: string,
	parts: Iterable<string | Uint8Array>,
): Promise<void> {
	await writeAtomically(file, parts);
}

/** `value` as one JSON line, written atomically; its folder is made first when missing. */
export async function writeJsonAtomically(
	file: string,
	value: unknown,
	depth?: number,
): Promise<void> {
	await mkdir(path.dirname(file), {recursive: true});
	// In pieces, not one string: a 100k-decision journal snapshot is 18 MB of JSON. `depth` opens
	// nested objects too, so no piece holds a whole big column.
	await writeAtomically(
		file,
		(function* () {
			yield* jsonParts(value, depth);
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

		writeAtomically(file, [queued.text]).then(
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
				await writeAtomically(file, [text]);
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
