import {createHash} from 'node:crypto';
import {copyFile, mkdir, mkdtemp, readdir, readFile, stat, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type {TestContext} from 'node:test';
import {fileURLToPath} from 'node:url';
import {fileIdentity} from '../../source/core/journal-record.js';
import {transition} from '../../source/core/session-reducer.js';
import {initialState, type SessionState} from '../../source/core/session-state.js';
import type {CommitEvent, CommitRecorder} from '../../source/files/commit/index.js';
import {removeFolder} from './temp-dir.js';

export const samplesDir = path.resolve(
	path.dirname(fileURLToPath(import.meta.url)),
	'../../../samples',
);

export const classes = ['photo', 'screenshot'] as const;

/** A temp folder removed after the test (made writable first, for tests that lock folders). */
export async function tempFolder(t: TestContext, base = os.tmpdir()): Promise<string> {
	const folder = await mkdtemp(path.join(base, 'imgsift-commit-'));
	t.after(() => removeFolder(folder));
	return folder;
}

/**
A base folder on another filesystem than the temp folder (a tmpfs at /dev/shm), for moves that
must copy across; when there is none, the test is skipped with the reason and this is undefined.
*/
export async function otherFilesystem(t: TestContext): Promise<string | undefined> {
	const shm = '/dev/shm';
	const devices = await Promise.all([stat(os.tmpdir()), stat(shm)]).catch(() => undefined);
	if (devices === undefined || devices[0].dev === devices[1].dev) {
		t.skip(`${shm} is missing or on the same filesystem as ${os.tmpdir()}`);
		return undefined;
	}

	return shm;
}

/** Copies sample files (or writes given bytes) to `dir/<relative path>`. */
export async function placeFiles(
	dir: string,
	files: Readonly<Record<string, string | Uint8Array>>,
): Promise<void> {
	for (const [relative, source] of Object.entries(files)) {
		const target = path.join(dir, ...relative.split('/'));
		await mkdir(path.dirname(target), {recursive: true});
		if (typeof source === 'string') {
			await copyFile(path.join(samplesDir, source), target);
		} else {
			await writeFile(target, source);
		}
	}
}

/** A session state in which each path was found and decided with its label, from real stats. */
export async function decidedState(
	dir: string,
	decisions: Readonly<Record<string, string>>,
): Promise<SessionState> {
	let state = initialState([...classes]);
	const paths = Object.keys(decisions);
	state = transition(state, {type: 'items-found', paths})?.state ?? state;
	for (const [itemPath, label] of Object.entries(decisions)) {
		// As the label screen records them: size, mtime, ctime and inode.
		const item = {
			path: itemPath,
			...fileIdentity(await stat(path.join(dir, ...itemPath.split('/')))),
		};
		const next = transition(state, {type: 'decide', time: 'now', item, label, ms: 100});
		if (!next) {
			throw new Error(`decide ${itemPath} as ${label} did not apply`);
		}

		state = next.state;
	}

	return state;
}

export type Journal = {
	readonly record: CommitRecorder;
	readonly events: CommitEvent[];
	readonly state: () => SessionState;
};

/** A recorder that applies each event through the real reducer, as the app's caller does. */
export function journalFrom(initial: SessionState, failAfter = Number.POSITIVE_INFINITY): Journal {
	let state = initial;
	const events: CommitEvent[] = [];
	const record: CommitRecorder = async (event) => {
		if (events.length >= failAfter) {
			throw new Error('journal disk full (simulated kill)');
		}

		const action = {...event, time: 'now'};
		const next = transition(state, action);
		if (!next) {
			throw new Error(`the reducer refused ${JSON.stringify(event)}`);
		}

		state = next.state;
		events.push(event);
	};
	return {record, events, state: () => state};
}

export async function sha1Of(filePath: string): Promise<string> {
	return createHash('sha1')
		.update(await readFile(filePath))
		.digest('hex');
}

/** sha1 -> every path (relative to root, `/`-separated) holding those bytes, `.labels` left out. */
export async function contentIndex(root: string): Promise<Map<string, string[]>> {
	const index = new Map<string, string[]>();
	const names = await readdir(root, {recursive: true, withFileTypes: true});
	for (const entry of names) {
		const full = path.join(entry.parentPath, entry.name);
		const relative = path.relative(root, full).split(path.sep).join('/');
		if (!entry.isFile() || relative.startsWith('.labels/')) {
			continue;
		}

		const hash = await sha1Of(full);
		index.set(hash, [...(index.get(hash) ?? []), relative]);
	}

	return index;
}

export async function exists(filePath: string): Promise<boolean> {
	return stat(filePath).then(
		() => true,
		() => false,
	);
}
