/**
A copy of the samples with a project and journals written by hand, one per user, with the real
size and mtime of each image (so a commit finds the files unchanged), and claims logs as sessions
leave them: for commit and status tests with several people on one folder.
*/
import {spawnSync} from 'node:child_process';
import {access, mkdir, stat, writeFile} from 'node:fs/promises';
import path from 'node:path';
import type {DecideRecord} from '../../source/core/journal-record.js';
import {copySamples} from './dataset.js';
import {cliPath} from './pty-session.js';

export async function teamSamples(prefix: string): Promise<string> {
	const dir = await copySamples(prefix);
	await mkdir(path.join(dir, '.labels', 'journal'), {recursive: true});
	await writeFile(
		path.join(dir, '.labels', 'project.json'),
		JSON.stringify({
			version: 1,
			classes: ['photo', 'screenshot'],
			out: 'labeled',
			order: 'path',
			seed: 1,
			user: 'ann',
			createdAt: '2026-12-04T10:00:00.000Z',
		}),
	);
	return dir;
}

/** A decide record for `item` as a session writes it; `adjudicated` marks an adjudicator's key. */
export async function vote(
	dir: string,
	seq: number,
	item: string,
	label: string,
	adjudicated = false,
): Promise<DecideRecord> {
	const found = await stat(path.join(dir, item));
	return {
		v: 1,
		seq,
		time: new Date(Date.UTC(2026, 11, 4, 10, 0, seq)).toISOString(),
		op: 'decide',
		path: item,
		size: found.size,
		mtimeMs: found.mtimeMs,
		label,
		ms: 500,
		via: 'key',
		...(adjudicated ? {origin: 'adjudicated' as const} : {}),
	};
}

/** Writes `user`'s journal: one vote per [image, label], seq in order. */
export async function writeVotes(
	dir: string,
	user: string,
	votes: ReadonlyArray<readonly [item: string, label: string, adjudicated?: boolean]>,
): Promise<void> {
	const records: DecideRecord[] = [];
	for (const [item, label, adjudicated] of votes) {
		records.push(await vote(dir, records.length + 1, item, label, adjudicated));
	}

	const lines = records.map((record) => `${JSON.stringify(record)}\n`).join('');
	await writeFile(path.join(dir, '.labels', 'journal', `${user}.jsonl`), lines);
}

/** Leaves `user` holding `paths` with a lease until `until` (ms), as a live session's log does. */
export async function holdClaims(
	dir: string,
	user: string,
	paths: readonly string[],
	until: number,
): Promise<void> {
	await mkdir(path.join(dir, '.labels', 'claims'), {recursive: true});
	const line = JSON.stringify({op: 'claim', paths, until});
	await writeFile(path.join(dir, '.labels', 'claims', `${user}.jsonl`), `${line}\n`);
}

export const exists = async (file: string) =>
	access(file).then(
		() => true,
		() => false,
	);

/** Runs `imgsift ARGS` to its end. */
export function imgsift(...args: string[]) {
	return spawnSync(process.execPath, [cliPath, ...args], {encoding: 'utf8'});
}
