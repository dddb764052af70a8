import {existsSync} from 'node:fs';
import {mkdtemp} from 'node:fs/promises';
import path from 'node:path';
import {entries} from '../../source/core/persistent-map.js';
import {contentMultiset, copySamples, removeFolder} from '../../tests/helpers/dataset.js';
import {type PtySession, startCli} from '../../tests/helpers/pty-session.js';
import {journalStateOf} from './cli-runs.js';
import {type Dataset, filesOf} from './invariants.js';

/** A tmpfs here: an output folder on it puts every commit, undo and quarantine across filesystems. */
const otherFilesystem = '/dev/shm';

/** One dataset under torture, with what the harness knows of it between kills. */
export type Track = {
	readonly name: 'local' | 'across';
	readonly data: Dataset;
	/** Items whose decision the screen acknowledged, with their labels. */
	items: Map<string, string>;
	/** The decided count the next restart must show; undefined until the first round. */
	expectDecided: number | undefined;
};

const user = 'torture';
const classes = ['photo', 'screenshot'];

async function makeDataset(out: string | undefined): Promise<Dataset> {
	const dir = await copySamples('imgsift-torture-');
	const original = contentMultiset(await filesOf(dir, out));
	return {dir, user, classes, ...(out === undefined ? {} : {out}), original};
}

/**
Two copies of the samples: `local` keeps its class folders inside (moves are link + unlink);
`across` puts them on /dev/shm when that is another filesystem, so moves are verified copies.
*/
export async function makeTracks(): Promise<Track[]> {
	const local = await makeDataset(undefined);
	const tracks: Track[] = [
		{name: 'local', data: local, items: new Map(), expectDecided: undefined},
	];
	if (existsSync(otherFilesystem)) {
		const outRoot = await mkdtemp(path.join(otherFilesystem, 'imgsift-torture-out-'));
		const across = await makeDataset(path.join(outRoot, 'labeled'));
		tracks.push({name: 'across', data: across, items: new Map(), expectDecided: undefined});
	}

	return tracks;
}

export async function removeTracks(tracks: readonly Track[]): Promise<void> {
	for (const {data} of tracks) {
		await removeFolder(data.dir);
		if (data.out !== undefined) await removeFolder(path.dirname(data.out));
	}
}

/** The decisions the journal holds (copies aside): what the screen showed after an inexact round. */
export async function decisionsOnDisk(data: Dataset): Promise<Map<string, string>> {
	const state = await journalStateOf(data.dir, data.user, data.classes);
	return new Map(
		[...entries(state.decisions)].flatMap(([item, decision]) =>
			decision.copyOf === undefined ? [[item, decision.label] as const] : [],
		),
	);
}

/** `imgsift label` on a torture dataset as every round starts it: blocks, 256 colours, 120×40. */
export function startTortureLabel(data: Dataset, extraArgs: readonly string[] = []): PtySession {
	return startCli(
		[
			'label',
			data.dir,
			'--user',
			data.user,
			'--classes',
			data.classes.join(','),
			'--render',
			'blocks',
			'--colors',
			'256',
			...(data.out === undefined ? [] : ['--out', data.out]),
			...extraArgs,
		],
		{columns: 120, rows: 40},
	);
}
