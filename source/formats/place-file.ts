/**
Puts an image into an export folder without touching the original: a hard link where the file
system allows (else a copy), a symlink with --symlink, a copy with --copy. A name already taken
gets the same `<stem>.<sha1 8 hex><ext>` suffix that commit uses.
*/
import {constants, linkSync} from 'node:fs';
import {copyFile, mkdir, symlink} from 'node:fs/promises';
import path from 'node:path';
import {sha1OfStream} from '../scan/content-hash.js';
import {describeFsError, errorCode} from '../shared/fs-errors.js';
import type {ExportOptions} from './format-types.js';

export type Placer = {
	/** The path the file got, or undefined when it could not be placed (warned). */
	place(source: string, destination: string, sha1?: string): Promise<string | undefined>;
};

export function createPlacer(options: Pick<ExportOptions, 'link' | 'warn' | 'clashName'>): Placer {
	const {link: mode, warn, clashName} = options;
	const folders = new Set<string>();
	let hardlinks = mode === 'hardlink';
	const put = async (source: string, destination: string): Promise<void> => {
		if (mode === 'symlink') {
			await symlink(path.resolve(source), destination);
			return;
		}

		if (hardlinks) {
			try {
				// Sync: an export is a batch with nothing else to do meanwhile, and at 100k images the
				// promise call was most of an hf export's CPU time (as with stat in import-decisions).
				linkSync(source, destination);
				return;
			} catch (error) {
				const code = errorCode(error);
				if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EMLINK') {
					throw error;
				}

				hardlinks = false;
				warn(`hard links are not possible here (${describeFsError(error)}); copying instead`);
			}
		}

		await copyFile(source, destination, constants.COPYFILE_EXCL);
	};

	return {
		async place(source, destination, sha1) {
			const folder = path.dirname(destination);
			if (!folders.has(folder)) {
				await mkdir(folder, {recursive: true});
				folders.add(folder);
			}

			try {
				try {
					await put(source, destination);
					return destination;
				} catch (error) {
					if (errorCode(error) !== 'EEXIST') {
						throw error;
					}
				}

				const hashed = clashName(destination, sha1 ?? (await sha1OfStream(source)));
				try {
					await put(source, hashed);
				} catch (error) {
					// The same name and the same hash: this very content is there already.
					if (errorCode(error) !== 'EEXIST') {
						throw error;
					}
				}

				return hashed;
			} catch (error) {
				warn(`${source} was left out: ${describeFsError(error)}`);
				return undefined;
			}
		},
	};
}
