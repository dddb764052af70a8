/**
How a team labels a folder, kept in `.labels/team.json` so every later session, status, commit and
export follow it without being told: `{"version":1,"overlap":3}` (written by the first session
started with `--overlap N`). Created once, atomically and exclusively (temp file, fsync, hard
link): two first sessions that disagree cannot both win. A folder without it is labeled in
exclusive mode, each image by one person.
*/
import {randomBytes} from 'node:crypto';
import {link, mkdir, open, readFile, unlink} from 'node:fs/promises';
import path from 'node:path';
import {escapeControl} from '../shared/escape.js';
import {describeFsError, errorCode, writeRemedy} from '../shared/fs-errors.js';
import {UserError} from '../shared/user-error.js';
import {syncFolder} from './atomic-file.js';
import {labelsDir} from './paths.js';

export type TeamConfig = {readonly version: 1; readonly overlap: number};

export function teamConfigPath(dir: string): string {
	return path.join(labelsDir(dir), 'team.json');
}

const validOverlap = (value: unknown): value is number =>
	typeof value === 'number' && Number.isInteger(value) && value >= 2 && value <= 9;

export async function loadTeamConfig(dir: string): Promise<TeamConfig | undefined> {
	const file = teamConfigPath(dir);
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch (error) {
		if (errorCode(error) === 'ENOENT') return undefined;
		throw new UserError(
			`could not read ${escapeControl(file)}: ${describeFsError(error)}. Check that it is readable for you (a team shares one group: see the README).`,
			{cause: error},
		);
	}

	let value: Partial<Record<string, unknown>> | undefined;
	try {
		value = JSON.parse(text) as Partial<Record<string, unknown>>;
	} catch {
		value = undefined;
	}

	if (value?.['version'] !== 1 || !validOverlap(value['overlap'])) {
		throw new UserError(
			`${escapeControl(file)} is not a team setting imgsift can read (expected {"version":1,"overlap":N} with N from 2 to 9). Put it back as it was, or write it so with the N the team labels with.`,
		);
	}

	return {version: 1, overlap: value['overlap']};
}

/** Creates the setting unless one exists; resolves with the one now on disk. */
async function createTeamConfig(dir: string, config: TeamConfig): Promise<TeamConfig> {
	const file = teamConfigPath(dir);
	const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
	try {
		await mkdir(path.dirname(file), {recursive: true});
		const handle = await open(temp, 'wx', 0o664);
		try {
			await handle.writeFile(`${JSON.stringify(config)}\n`, 'utf8');
			await handle.sync();
		} finally {
			await handle.close();
		}

		try {
			await link(temp, file);
			await syncFolder(path.dirname(file));
			return config;
		} catch (error) {
			if (errorCode(error) !== 'EEXIST') throw error;
		}
	} catch (error) {
		throw new UserError(
			`could not write ${escapeControl(file)}: ${describeFsError(error)}. ${writeRemedy(error)}, then start again.`,
			{cause: error},
		);
	} finally {
		await unlink(temp).catch(() => undefined);
	}

	// Another first session wrote it a moment ago: theirs stands.
	return (await loadTeamConfig(dir)) ?? config;
}

/**
The overlap this folder is labeled with: the saved one, checked against `--overlap` when given.
With `save`, a first `--overlap N` is saved for the sessions after it. Undefined: exclusive mode.
*/
export async function resolveOverlap(
	dir: string,
	flag: number | undefined,
	options: {readonly save: boolean},
): Promise<number | undefined> {
	let saved = await loadTeamConfig(dir);
	if (flag === undefined || flag === saved?.overlap) {
		return saved?.overlap;
	}

	if (saved === undefined && options.save) {
		saved = await createTeamConfig(dir, {version: 1, overlap: flag});
	}

	if (saved !== undefined && saved.overlap !== flag) {
		throw new UserError(
			`${escapeControl(dir)} is labeled with --overlap ${saved.overlap} (saved in ${escapeControl(teamConfigPath(dir))}), not --overlap ${flag}: votes cast for one number of people do not add up under another. Leave --overlap out (or give --overlap ${saved.overlap}) to go on as the team started.`,
		);
	}

	return flag;
}
