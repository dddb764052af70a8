/** Checks that decide whether several people can share this folder's `.labels/` on this box. */
import {constants} from 'node:fs';
import {access, stat} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {errorCode} from '../../shared/fs-errors.js';
import {UserError} from '../../shared/user-error.js';
import {labelsDir} from '../../store/paths.js';
import {networkMountOf} from './network-mount.js';

function osUserName(): string {
	try {
		return os.userInfo().username;
	} catch {
		return `uid ${process.getuid?.() ?? '?'}`;
	}
}

/**
Refuses, naming the folder and the fix, when this OS user cannot write `.labels/` or a folder in it
(another person's session created them without group write).
*/
export async function assertLabelsWritable(dataset: string): Promise<void> {
	const labels = labelsDir(dataset);
	const folders = [
		labels,
		...['journal', 'claims', 'users'].map((name) => path.join(labels, name)),
	];
	for (const folder of folders) {
		try {
			await stat(folder);
		} catch (error) {
			if (errorCode(error) === 'ENOENT') {
				continue;
			}

			throw error;
		}

		try {
			await access(folder, constants.W_OK | constants.X_OK);
		} catch (error) {
			throw new UserError(
				`${folder} is not writable for OS user ${osUserName()}, so this session cannot record decisions in ${dataset}. To label one folder as a team, give it a shared group: sudo chgrp -R GROUP ${labels} && sudo chmod -R g+rwX ${labels} && sudo find ${labels} -type d -exec chmod g+s {} +, and have every labeler run with umask 002 (see "Labeling as a team" in the README).`,
				{cause: error},
			);
		}
	}
}

/**
Undefined when the folder is on a local disk; else why embedded claims cannot work there (they need
atomic create and rename, and other processes' writes seen at once).
*/
export async function networkRefusal(
	dataset: string,
	mountsFile?: string,
): Promise<string | undefined> {
	const mount = await networkMountOf(dataset, mountsFile);
	if (mount === undefined) {
		return undefined;
	}

	return `${dataset} is on a network filesystem (${mount.type} at ${mount.point}), where several labelers cannot share claims safely. Label it as a team with a database (--db postgres://…), or copy it to a local disk.`;
}
