import {createHash} from 'node:crypto';
import {createReadStream, type Stats} from 'node:fs';
import {copyFile, link, lstat, open, rename, unlink} from 'node:fs/promises';
import {pipeline} from 'node:stream/promises';
import type {FileOps} from './types.js';

export const nodeFileOps: FileOps = {link, rename, copyFile, unlink};

export function withDefaults(ops: Partial<FileOps> | undefined): FileOps {
	return {...nodeFileOps, ...ops};
}

export function errorCode(error: unknown): string | undefined {
	if (typeof error === 'object' && error !== null && 'code' in error) {
		const {code} = error as {code: unknown};
		return typeof code === 'string' ? code : undefined;
	}

	return undefined;
}

/** The lstat of a path, or undefined when nothing is there. */
export async function lstatIfPresent(filePath: string): Promise<Stats | undefined> {
	try {
		return await lstat(filePath);
	} catch (error) {
		if (errorCode(error) === 'ENOENT') {
			return undefined;
		}

		throw error;
	}
}

export async function sha1OfFile(filePath: string): Promise<string> {
	const hash = createHash('sha1');
	await pipeline(createReadStream(filePath), hash);
	return hash.digest('hex');
}

export async function sameContent(left: string, right: string): Promise<boolean> {
	const [leftStats, rightStats] = await Promise.all([lstat(left), lstat(right)]);
	if (leftStats.size !== rightStats.size) {
		return false;
	}

	const [leftHash, rightHash] = await Promise.all([sha1OfFile(left), sha1OfFile(right)]);
	return leftHash === rightHash;
}

export async function fsyncFile(filePath: string): Promise<void> {
	const handle = await open(filePath, 'r+');
	try {
		await handle.sync();
	} finally {
		await handle.close();
	}
}

/** Makes a rename or unlink in a folder durable. Some filesystems cannot fsync a folder. */
export async function fsyncFolder(folder: string): Promise<void> {
	let handle: Awaited<ReturnType<typeof open>> | undefined;
	try {
		handle = await open(folder, 'r');
		await handle.sync();
	} catch (error) {
		if (!['EISDIR', 'EINVAL', 'EPERM', 'EBADF', 'ENOTSUP'].includes(errorCode(error) ?? '')) {
			throw error;
		}
	} finally {
		await handle?.close();
	}
}

/** Removes a file of ours (a partial copy, a plan), quietly when it is not there. */
export async function removeIfPresent(filePath: string, ops: FileOps): Promise<void> {
	try {
		await ops.unlink(filePath);
	} catch (error) {
		if (errorCode(error) !== 'ENOENT') {
			throw error;
		}
	}
}
