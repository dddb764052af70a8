import {readFile, stat} from 'node:fs/promises';
import path from 'node:path';
import type {TestContext} from 'node:test';
import {openDataset} from '../../source/app/dataset.js';
import type {SessionAction} from '../../source/core/session-reducer.js';
import {decidedItems} from '../../source/formats/decided-items.js';
import type {LabeledItem} from '../../source/formats/labeled-item.js';
import {readAllJournals} from '../../source/ledger/files/files-ledger.js';
import {copySamples, removeFolder, samplesFolder} from './dataset.js';

export const labeledClasses = ['photo', 'screenshot'] as const;

/** The samples' true labels for the two classes the fixtures use (broken files left out). */
export async function sampleTruth(): Promise<Map<string, string>> {
	const truth = JSON.parse(
		await readFile(path.join(samplesFolder, 'truth.json'), 'utf8'),
	) as Record<string, string>;
	return new Map(
		Object.entries(truth).filter(([, label]) =>
			(labeledClasses as readonly string[]).includes(label),
		),
	);
}

/** A fresh copy of the samples, removed when the test ends. */
export async function freshSamples(t: TestContext): Promise<string> {
	const dir = await copySamples('imgsift-formats-');
	t.after(() => removeFolder(dir));
	return dir;
}

async function decideAll(
	dir: string,
	user: string,
	actions: (
		item: {path: string; size: number; mtimeMs: number},
		label: string,
		index: number,
	) => SessionAction[],
	labels: ReadonlyMap<string, string>,
	create: boolean,
): Promise<void> {
	const dataset = await openDataset(dir, create ? {classes: [...labeledClasses]} : undefined, user);
	try {
		let index = 0;
		for (const [itemPath, label] of labels) {
			const facts = await stat(path.join(dir, itemPath));
			for (const action of actions(
				{path: itemPath, size: facts.size, mtimeMs: facts.mtimeMs},
				label,
				index,
			)) {
				await dataset.store.apply(action);
			}

			index++;
		}
	} finally {
		await dataset.close();
	}
}

/**
A dataset labeled the way sessions label it, through the session store and the journal: alice
decides every item, by key or by accepting the guess (every third), with one wrong key undone
first; bob votes on the third to the eighth, against alice on the first two of those.
*/
export async function labeledSamples(
	t: TestContext,
): Promise<{dir: string; truth: Map<string, string>}> {
	const dir = await freshSamples(t);
	const truth = await sampleTruth();
	const time = '2026-11-25T10:00:00.000Z';
	const other = (label: string) => (label === 'photo' ? 'screenshot' : 'photo');
	await decideAll(
		dir,
		'alice',
		(item, label, index) => {
			const guess = {label, confidence: 0.8, source: 'builtin'};
			if (index === 1) {
				return [
					{type: 'decide', time, item, label: other(label), ms: 300},
					{type: 'undo', time},
					{type: 'decide', time, item, label, ms: 300, guess},
				];
			}

			return index % 3 === 0
				? [{type: 'accept-guess', time, item, guess, ms: 200}]
				: [{type: 'decide', time, item, label, ms: 400}];
		},
		truth,
		true,
	);
	const bobsSix = new Map([...truth].slice(2, 8));
	await decideAll(
		dir,
		'bob',
		(item, label, index) => [
			{
				type: 'decide',
				time: '2026-11-25T11:00:00.000Z',
				item,
				label: index < 2 ? other(label) : label,
				ms: 500,
			},
		],
		bobsSix,
		false,
	);
	return {dir, truth};
}

/** Every decided item of `dir`, as export sees them, in one list. */
export async function decidedList(
	dir: string,
	classes: readonly string[],
): Promise<{items: LabeledItem[]}> {
	const decided = await decidedItems(dir, classes, await readAllJournals(dir));
	const items: LabeledItem[] = [];
	for await (const item of decided.items()) {
		items.push(item);
	}

	return {items};
}
