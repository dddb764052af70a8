/**
Embedded claims rely on exclusive create and rename being atomic and on seeing other processes'
writes at once: true on a local disk, not on network filesystems. Finds the mount a folder is on.
*/
import {readFile, realpath} from 'node:fs/promises';

/** Filesystem types (as /proc/mounts spells them) shared over a network. */
const networkTypes = new Set([
	'nfs',
	'nfs4',
	'cifs',
	'smb3',
	'smbfs',
	'fuse.sshfs',
	'sshfs',
	'9p',
	'afs',
	'ceph',
	'glusterfs',
	'fuse.glusterfs',
	'lustre',
	'gpfs',
	'davfs',
	'fuse.davfs2',
	'fuse.rclone',
	'fuse.s3fs',
]);

export type Mount = {readonly point: string; readonly type: string; readonly source: string};

/** /proc/mounts escapes spaces and a few other bytes as octal (`\040`). */
function unescapeMountField(field: string): string {
	return field.replace(/\\([0-7]{3})/g, (_, octal: string) =>
		String.fromCharCode(Number.parseInt(octal, 8)),
	);
}

export function parseMounts(text: string): Mount[] {
	const mounts: Mount[] = [];
	for (const line of text.split('\n')) {
		const [source, point, type] = line.split(' ');
		if (source !== undefined && point !== undefined && type !== undefined) {
			mounts.push({source: unescapeMountField(source), point: unescapeMountField(point), type});
		}
	}

	return mounts;
}

/** The mount holding `folder` (an absolute real path): the longest mount point above it. */
export function mountOf(mounts: readonly Mount[], folder: string): Mount | undefined {
	let best: Mount | undefined;
	for (const mount of mounts) {
		const prefix = mount.point.endsWith('/') ? mount.point : `${mount.point}/`;
		const inside = folder === mount.point || folder.startsWith(prefix);
		if (inside && (best === undefined || mount.point.length >= best.point.length)) {
			best = mount;
		}
	}

	return best;
}

export function isNetworkType(type: string): boolean {
	return networkTypes.has(type);
}

/** The network mount `folder` is on, or undefined (local, or not Linux: no /proc/mounts). */
export async function networkMountOf(
	folder: string,
	mountsFile = '/proc/mounts',
): Promise<Mount | undefined> {
	const text = await readFile(mountsFile, 'utf8').catch(() => undefined);
	if (text === undefined) {
		return undefined;
	}

	const mount = mountOf(parseMounts(text), await realpath(folder).catch(() => folder));
	return mount !== undefined && isNetworkType(mount.type) ? mount : undefined;
}
