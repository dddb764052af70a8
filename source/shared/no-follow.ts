import {constants} from 'node:fs';
import {escapeControl} from './escape.js';
import {errorCode} from './fs-errors.js';
import {UserError} from './user-error.js';

/*
Open flags for files imgsift writes: O_NOFOLLOW makes open fail (ELOOP) when the last part of the
path is a symlink, so a link planted at `.labels/journal/<user>.jsonl` cannot aim our appends at
someone else's file. (O_EXCL with O_CREAT never follows one either.)
*/
const {O_APPEND, O_CREAT, O_NOFOLLOW, O_RDWR, O_TRUNC, O_WRONLY} = constants;

/** Like 'a': append, create if missing; refuses a symlink. */
export const appendNoFollow = O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW;
/** Like 'a+': read and append, create if missing; refuses a symlink. */
export const readAppendNoFollow = O_RDWR | O_APPEND | O_CREAT | O_NOFOLLOW;
/** Like 'w': truncate or create; refuses a symlink. */
export const writeNoFollow = O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW;

/** The error to show when `file` turned out to be a symlink (ELOOP from O_NOFOLLOW), else undefined. */
export function symlinkRefusal(file: string, error: unknown): UserError | undefined {
	if (errorCode(error) !== 'ELOOP') {
		return undefined;
	}

	return new UserError(
		`${escapeControl(file)} is a symlink, where imgsift keeps a file of its own; it never writes through a link (it could point at another user's file). Remove the link, then start again.`,
		{cause: error},
	);
}

/** A symlink where imgsift keeps its own folder: refused, naming it. */
export function symlinkFolderRefusal(folder: string, target: string): UserError {
	return new UserError(
		`${escapeControl(folder)} is a symlink (to ${escapeControl(target)}), where imgsift keeps a folder of its own; it never writes through a link. Replace the link with a real folder, then start again.`,
	);
}
