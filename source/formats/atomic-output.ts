/**
Where an export goes: a temp file (or folder) beside the target, renamed into place only once it
is whole and fsynced. An existing target is kept unless `force`; then it is set aside, not deleted.
*/
import {randomBytes} from 'node:crypto';
import {lstat, mkdir, open, rename, rm} from 'node:fs/promises';
import path from 'node:path';
import {describeFsError, errorCode, writeRemedy} from '../shared/fs-errors.js';
import {UserError} from '../shared/user-error.js';
import {syncFolder} from '../store/atomic-file.js';

/** Text written in chunks of about this many characters: few writes, bounded memory. */
const chunkChars = 256 * 1024;

export type TextSink = {
	/** Queues text; resolves once the buffer is below the chunk size again (backpressure). */
	write(text: string): Promise<void>;
};

async function exists(target: string): Promise<boolean> {
	try {
		await lstat(target);
		return true;
	} catch (error) {
		if (errorCode(error) === 'ENOENT') {
			return false;
		}

		throw error;
	}
}

/** Refuses an existing target without `force`; with it, names where the old one will go. */
export async function checkTarget(target: string, force: boolean): Promise<string | undefined> {
	if (!(await exists(target))) {
		return undefined;
	}

	if (!force) {
		throw new UserError(
			`${target} already exists. Give another --to, or add --force to replace it (the old one is kept beside it).`,
		);
	}

	const stamp = new Date().toISOString().replace(/[:.]/g, '-');
	return `${target}.replaced-${stamp}`;
}

const tempName = (target: string): string =>
	path.join(
		path.dirname(target),
		`.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.partial`,
	);

async function putInPlace(temp: string, target: string, aside: string | undefined): Promise<void> {
	if (aside !== undefined && (await exists(target))) {
		await rename(target, aside);
	}

	await rename(temp, target);
	await syncFolder(path.dirname(target));
}

function exportFailure(target: string, error: unknown): UserError {
	if (error instanceof UserError) {
		return error;
	}

	return new UserError(
		`could not write ${target}: ${describeFsError(error)}. ${writeRemedy(error)}, then export again; nothing was changed.`,
		{cause: error},
	);
}

/** Streams text into `target` atomically; `fill` writes through the sink and returns a count. */
export async function writeFileAtomically<T>(
	target: string,
	force: boolean,
	fill: (sink: TextSink) => Promise<T>,
): Promise<T> {
	const aside = await checkTarget(target, force);
	await mkdir(path.dirname(target), {recursive: true});
	const temp = tempName(target);
	let handle: Awaited<ReturnType<typeof open>> | undefined;
	try {
		handle = await open(temp, 'wx');
		const file = handle;
		let buffer = '';
		const flush = async () => {
			const text = buffer;
			buffer = '';
			await file.write(text, null, 'utf8');
		};

		const result = await fill({
			async write(text) {
				buffer += text;
				if (buffer.length >= chunkChars) {
					await flush();
				}
			},
		});
		await flush();
		await file.sync();
		await file.close();
		handle = undefined;
		await putInPlace(temp, target, aside);
		return result;
	} catch (error) {
		await handle?.close().catch(() => undefined);
		await rm(temp, {force: true}).catch(() => undefined);
		throw exportFailure(target, error);
	}
}

/** Builds a folder export in a temp folder beside `target`, then renames it into place. */
export async function writeFolderAtomically<T>(
	target: string,
	force: boolean,
	fill: (folder: string) => Promise<T>,
): Promise<T> {
	const aside = await checkTarget(target, force);
	await mkdir(path.dirname(target), {recursive: true});
	const temp = tempName(target);
	try {
		await mkdir(temp);
		const result = await fill(temp);
		await syncFolder(temp);
		await putInPlace(temp, target, aside);
		return result;
	} catch (error) {
		// Our own half-built folder of links and copies: the user's images are untouched.
		await rm(temp, {recursive: true, force: true}).catch(() => undefined);
		throw exportFailure(target, error);
	}
}
