import {mkdir, writeFile} from 'node:fs/promises';
import path from 'node:path';
import type {Guess, JournalRecord} from '../../source/core/journal-record.js';
import {copySamples} from './dataset.js';

/** One vote: user, image, label, minutes before now; `adjudicated` marks an adjudicator's key. */
export type FixtureVote = readonly [
	user: string,
	path: string,
	label: string,
	minutesAgo: number,
	adjudicated?: true,
];

/**
A copy of the samples with a project and one journal per user, written as sessions write them
(one JSON record per line), so status, adjudication and commit read what labelers leave.
*/
export async function teamFolder(
	votes: readonly FixtureVote[],
	now = Date.now(),
	/** The model's guess each voter was shown, by image. */
	guesses: Readonly<Record<string, Guess>> = {},
): Promise<string> {
	const dir = await copySamples('imgsift-team-');
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
			createdAt: new Date(now).toISOString(),
		}),
	);
	const byUser = new Map<string, JournalRecord[]>();
	for (const [user, item, label, minutesAgo, adjudicated] of votes) {
		const records = byUser.get(user) ?? [];
		records.push({
			v: 1,
			seq: records.length + 1,
			time: new Date(now - minutesAgo * 60_000).toISOString(),
			op: 'decide',
			path: item,
			size: 1,
			mtimeMs: 1,
			label,
			ms: 700,
			via: 'key',
			...(guesses[item] ? {guess: guesses[item]} : {}),
			...(adjudicated ? {origin: 'adjudicated' as const} : {}),
		});
		byUser.set(user, records);
	}

	for (const [user, records] of byUser) {
		const text = records.map((record) => `${JSON.stringify(record)}\n`).join('');
		await writeFile(path.join(dir, '.labels', 'journal', `${user}.jsonl`), text);
	}

	return dir;
}
