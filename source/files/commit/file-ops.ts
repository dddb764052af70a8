import {createHash} from 'node:crypto';
import {createReadStream, type Stats} from 'node:fs';
import {copyFile, link, lstat, open, rename, unlink} from 'node:fs/promises';
import {pipeline} from 'node:stream/promises';
import {errorCode} from '../../shared/fs-errors.js';
import type {FileOps} from './types.js';

export const nodeFileOps: FileOps = {link, rename, copyFile, unlink};

export function withDefaults(ops: Partial<FileOps> | undefined): FileOps {
	return {...nodeFileOps, ...ops};
}

export {errorCode} from '../../shared/fs-errors.js';

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

/** Makes a rename or unlink in a folder durable (shared with the atomic file writer). */
export {syncFolder as fsyncFolder} from '../../store/atomic-file.js';

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
