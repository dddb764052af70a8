import {mkdir, stat, writeFile} from 'node:fs/promises';
import path from 'node:path';
import type {TestContext} from 'node:test';
import {serializeRecord} from '../../source/core/journal-parse.js';
import type {JournalRecord} from '../../source/core/journal-record.js';
import {journalPath} from '../../source/store/paths.js';
import {resolveProject} from '../../source/store/project-config.js';
import {placeFiles, tempFolder} from './commit-fixture.js';

export const datasetUser = 'tester';

/**
A dataset folder with a project (classes photo, screenshot) and a journal deciding each file as
given, written as the labeling loop writes them: for tests of `commit` without a terminal.
`files` maps a path in the dataset to a sample name (or the bytes to write).
*/
export async function decidedDataset(
	t: TestContext,
	files: Readonly<Record<string, string | Uint8Array>>,
	labels: Readonly<Record<string, string>>,
	flags: {out?: string} = {},
): Promise<{dir: string; journal: string}> {
	const dir = await tempFolder(t);
	await placeFiles(dir, files);
	const defaults = {out: 'labeled', order: 'path' as const, seed: 1, user: datasetUser};
	await resolveProject(dir, {classes: ['photo', 'screenshot'], ...flags}, defaults);
	const records: JournalRecord[] = [];
	for (const [item, label] of Object.entries(labels)) {
		const {size, mtimeMs} = await stat(path.join(dir, ...item.split('/')));
		records.push({
			v: 1,
			seq: records.length + 1,
			time: '2026-12-04T10:00:00.000Z',
			op: 'decide',
			path: item,
			size,
			mtimeMs,
			label,
			ms: 9,
			via: 'key',
		});
	}

	const journal = journalPath(dir, datasetUser);
	await mkdir(path.dirname(journal), {recursive: true});
	await writeFile(journal, records.map((record) => serializeRecord(record)).join(''));
	return {dir, journal};
}
