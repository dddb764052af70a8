import assert from 'node:assert/strict';
import {access, chmod, mkdir, writeFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {fileURLToPath} from 'node:url';
import {assertLabelsWritable, networkRefusal} from '../../../source/ledger/files/labels-access.js';
import {
	isNetworkType,
	mountOf,
	networkMountOf,
	parseMounts,
} from '../../../source/ledger/files/network-mount.js';
import {isUserError} from '../../../source/shared/user-error.js';
import {passesAsNobody} from '../../helpers/run-as.js';
import {makeTempDir} from '../../helpers/temp-dir.js';

test('a .labels folder this OS user cannot write is refused, naming the folder and the fix', async (t) => {
	const dataset = await makeTempDir(t);
	const labels = path.join(dataset, '.labels');
	await mkdir(labels);
	await chmod(labels, 0o555);
	try {
		const writable = await access(path.join(labels), 2).then(
			() => true,
			() => false,
		);
		if (writable) {
			// Root ignores the mode bits: the same test runs as nobody instead.
			await passesAsNobody(fileURLToPath(import.meta.url), t.name);
			return;
		}

		await assert.rejects(
			assertLabelsWritable(dataset),
			(error: unknown) =>
				isUserError(error) &&
				error.message.startsWith(`${labels} is not writable for OS user`) &&
				error.message.includes(`chgrp -R GROUP ${labels}`) &&
				error.message.includes('umask 002'),
		);
	} finally {
		await chmod(labels, 0o755);
	}
});

test('a writable or missing .labels passes', async (t) => {
	const dataset = await makeTempDir(t);
	await assertLabelsWritable(dataset);
	await mkdir(path.join(dataset, '.labels', 'journal'), {recursive: true});
	await assertLabelsWritable(dataset);
});

const mounts = [
	'/dev/sda1 / ext4 rw,relatime 0 0',
	'server:/export /mnt/share nfs4 rw,relatime 0 0',
	'//nas/photos /mnt/nas\\040photos cifs rw 0 0',
	'me@host:/data /home/me/remote fuse.sshfs rw 0 0',
	'tmpfs /mnt/share/local tmpfs rw 0 0',
].join('\n');

test('the mount holding a folder is the longest mount point above it, spaces unescaped', () => {
	const parsed = parseMounts(mounts);
	assert.equal(mountOf(parsed, '/mnt/share/photos/cats')?.type, 'nfs4');
	assert.equal(mountOf(parsed, '/mnt/share/local/x')?.type, 'tmpfs');
	assert.equal(mountOf(parsed, '/mnt/nas photos/a')?.type, 'cifs');
	assert.equal(mountOf(parsed, '/mnt/sharelike')?.type, 'ext4');
	assert.equal(mountOf(parsed, '/home/me/remote')?.type, 'fuse.sshfs');
});

test('NFS, SMB and sshfs are network filesystems; local ones are not', () => {
	for (const type of ['nfs', 'nfs4', 'cifs', 'smb3', 'fuse.sshfs']) assert.ok(isNetworkType(type));
	for (const type of ['ext4', 'xfs', 'btrfs', 'tmpfs', 'overlay', 'zfs']) {
		assert.ok(!isNetworkType(type), type);
	}
});

test('a folder on a network mount is found from a mounts table; this test folder is local', async (t) => {
	const dataset = await makeTempDir(t);
	const table = path.join(dataset, 'mounts');
	await writeFile(table, `/dev/sda1 / ext4 rw 0 0\nserver:/x ${dataset} nfs4 rw 0 0\n`);
	assert.deepEqual(await networkMountOf(dataset, table), {
		source: 'server:/x',
		point: dataset,
		type: 'nfs4',
	});
	const refusal = await networkRefusal(dataset, table);
	assert.match(refusal ?? '', /is on a network filesystem \(nfs4 at .*\).*--db postgres:\/\//);
	assert.equal(await networkRefusal(dataset), undefined);
});
