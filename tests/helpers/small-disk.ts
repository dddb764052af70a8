import {spawnSync} from 'node:child_process';
import {mkdtemp, open, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type {TestContext} from 'node:test';

/** Mounts a tmpfs of `size` at a fresh folder; a string says why not. Unmounted after the test. */
export async function smallDisk(t: TestContext, size: string): Promise<string | {reason: string}> {
	if (process.getuid?.() !== 0) {
		return {reason: 'not root, so no tmpfs can be mounted'};
	}

	const mountPoint = await mkdtemp(path.join(os.tmpdir(), 'imgsift-small-disk-'));
	const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', mountPoint], {
		encoding: 'utf8',
	});
	if (mounted.status !== 0) {
		await rm(mountPoint, {recursive: true, force: true});
		return {reason: `mount failed: ${mounted.stderr.trim() || mounted.error?.message}`};
	}

	// One hook, so the unmount surely comes before the folder is removed.
	t.after(async () => {
		const unmounted = spawnSync('umount', [mountPoint], {encoding: 'utf8'});
		if (unmounted.status !== 0) spawnSync('umount', ['-l', mountPoint]);
		await rm(mountPoint, {recursive: true, force: true});
	});
	return mountPoint;
}

/**
Fills the file system holding `file` with that one file until a write fails with ENOSPC. Called
again, it takes what was freed since (appending).
*/
export async function fillDisk(file: string): Promise<void> {
	const handle = await open(file, 'a');
	try {
		const chunk = Buffer.alloc(64 * 1024, 1);
		for (;;) {
			try {
				await handle.write(chunk);
			} catch {
				// Byte by byte at the end, so not even a small write still fits.
				for (;;) {
					try {
						if ((await handle.write(Buffer.alloc(1, 1))).bytesWritten === 0) return;
					} catch {
						return;
					}
				}
			}
		}
	} finally {
		await handle.close();
	}
}
