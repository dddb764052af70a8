import {spawnSync} from 'node:child_process';
import {mkdtemp, open, rm, stat, truncate} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** A tmpfs of a few MB mounted for the run, and a filler file that makes it full at will. */
export type SmallDisk = {
	readonly mountPoint: string;
	/** Fills the disk, then frees `leaveBytes` (tmpfs frees whole 4 KiB pages). */
	fill(leaveBytes: number): Promise<void>;
	/** Removes the filler: the disk has room again. */
	free(): Promise<void>;
	unmount(): Promise<void>;
};

/** Mounts a tmpfs of `size` (as root); a string says why it cannot be mounted here. */
export async function mountSmallDisk(size: string): Promise<SmallDisk | string> {
	if (process.getuid?.() !== 0) {
		return 'not root, so no tmpfs can be mounted';
	}

	const mountPoint = await mkdtemp(path.join(os.tmpdir(), 'imgsift-full-disk-'));
	const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', mountPoint], {
		encoding: 'utf8',
	});
	if (mounted.status !== 0) {
		await rm(mountPoint, {recursive: true, force: true});
		return `mount failed: ${mounted.stderr.trim() || mounted.error?.message}`;
	}

	const filler = path.join(mountPoint, 'filler');
	return {
		mountPoint,
		async fill(leaveBytes) {
			await fillUp(filler);
			const {size: filled} = await stat(filler);
			await truncate(filler, Math.max(0, filled - leaveBytes));
		},
		free: () => rm(filler, {force: true}),
		async unmount() {
			const unmounted = spawnSync('umount', [mountPoint], {encoding: 'utf8'});
			if (unmounted.status !== 0) spawnSync('umount', ['-l', mountPoint]);
			await rm(mountPoint, {recursive: true, force: true});
		},
	};
}

/** Appends to `file` until the disk refuses even one byte. */
async function fillUp(file: string): Promise<void> {
	const handle = await open(file, 'a');
	try {
		for (const chunkSize of [64 * 1024, 4096, 1]) {
			const chunk = Buffer.alloc(chunkSize, 1);
			for (;;) {
				const written = await handle.write(chunk).then(
					(result) => result.bytesWritten,
					() => 0,
				);
				if (written < chunkSize) break;
			}
		}
	} finally {
		await handle.close();
	}
}
