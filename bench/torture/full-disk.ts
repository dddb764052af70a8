import {watch} from 'node:fs';
import {copyFile, mkdir, readdir, stat} from 'node:fs/promises';
import path from 'node:path';
import {labelsDir} from '../../source/store/paths.js';
import {contentMultiset, samplesFolder} from '../../tests/helpers/dataset.js';
import type {PtySession} from '../../tests/helpers/pty-session.js';
import {runCli, statusOf} from './cli-runs.js';
import {startTortureLabel} from './datasets.js';
import {checkAfterKill, type Dataset, filesOf, InvariantError} from './invariants.js';
import {seededRandom} from './prng.js';
import {readScreen} from './screen-state.js';
import {mountSmallDisk, type SmallDisk} from './small-disk.js';

export type FullDiskOptions = {
	readonly seed: number;
	readonly rounds: number;
	readonly log?: (line: string) => void;
};

export type FullDiskReport = {
	readonly rounds: number;
	/** Commits run on a full disk: from the `c` key, and `imgsift commit`. */
	readonly commits: number;
	/** Of those, the ones that stopped or left files unmoved (the disk refused something). */
	readonly commitsRefused: number;
	/** Undo keys sent on a full disk. */
	readonly undos: number;
	readonly failure?: {readonly round: number; readonly invariant: string; readonly message: string};
	/** Why the run could not happen here (no tmpfs). */
	readonly skipped?: string;
};

/** A line of a JavaScript stack trace: what no command may ever print. */
const stackLine = /\n\s+at .+:\d+:\d+\)?/;
const longFolder = `${'a-long-folder-name-'.repeat(12)}end/${'and-a-longer-one-'.repeat(12)}end`;
const commitShown = /into class folders|Commit stopped|Nothing to commit|Commit failed/;

function noStackTrace(what: string, output: string): void {
	if (stackLine.test(output)) {
		throw new InvariantError(
			'7 (no stack trace, one line)',
			`${what} printed: ${output.slice(-600)}`,
		);
	}
}

/**
The smallest samples, so the dataset fits a 3 MB disk with room for the journal, in a folder with
a long name: long records fill the journal's pages (tmpfs allocates 4 KiB at a time) sooner, so
the disk runs out at a journal append more often, not only at the plan.
*/
async function smallDataset(dir: string, count: number): Promise<void> {
	const names = (await readdir(samplesFolder)).filter((name) =>
		/^img_\d{4}\.(jpg|png)$/.test(name),
	);
	const sized = await Promise.all(
		names.map(async (name) => ({name, size: (await stat(path.join(samplesFolder, name))).size})),
	);
	await mkdir(path.join(dir, longFolder), {recursive: true});
	for (const {name} of sized
		.filter(({size}) => size > 1000)
		.sort((a, b) => a.size - b.size)
		.slice(0, count)) {
		await copyFile(path.join(samplesFolder, name), path.join(dir, longFolder, name));
	}
}

async function labelReady(cli: PtySession): Promise<void> {
	// The long folder name wraps in the panel: an image's size line says one is shown.
	await cli.waitFor(
		(screen) =>
			readScreen(screen) !== undefined &&
			(/\d+ × \d+ · /.test(screen) || screen.includes('Nothing left to label.')),
		'the labeling screen',
		30_000,
	);
}

/**
Fills the disk the moment the commit's plan is written (its moves and records then meet a full
disk), or at once leaving `leave` bytes. Resolves a function that waits for the filling to end.
*/
async function fillDuring(
	data: Dataset,
	disk: SmallDisk,
	when: 'now' | 'at-plan',
	leave: number,
): Promise<() => Promise<void>> {
	if (when === 'now') {
		await disk.fill(leave);
		return async () => undefined;
	}

	let filling: Promise<void> = Promise.resolve();
	const watcher = watch(labelsDir(data.dir), (_event, name) => {
		if (name === 'commit-plan.json') {
			watcher.close();
			filling = disk.fill(0);
		}
	});
	return async () => {
		watcher.close();
		await filling;
	};
}

const settle = (cli: PtySession, what: string, test: (screen: string) => boolean, ms: number) =>
	cli.waitFor(test, what, ms).then(
		() => true,
		() => false,
	);

/**
One round: decide a few files in a real label session, fill the disk (leaving 0–8 KiB), then
commit (the `c` key, and undo keys, or `imgsift commit`), free the disk, and check every invariant.
*/
async function fullDiskRound(
	data: Dataset,
	disk: SmallDisk,
	random: ReturnType<typeof seededRandom>,
	totals: {commits: number; commitsRefused: number; undos: number},
): Promise<string> {
	const cli = startTortureLabel(data, ['--no-commit-on-exit']);
	const inLabel = random.next() < 0.6;
	const leave = random.between(0, 8 * 1024);
	const when = random.next() < 0.5 ? 'now' : 'at-plan';
	let note = `${when === 'now' ? `full, ${leave} B left,` : 'filled when the plan appears,'} ${inLabel ? 'c key' : 'imgsift commit'}`;
	try {
		await labelReady(cli);
		// Few keys: the move a full journal refuses is then often the last decision, which the undo
		// after it targets (the case where undo and files used to disagree).
		for (let keys = random.between(1, 2); keys > 0; keys--) {
			const before = readScreen(cli.screen().join('\n'));
			if (before === undefined || before.done) break;
			cli.write(random.next() < 0.5 ? '1' : '2');
			await settle(
				cli,
				'a decision',
				(screen) => readScreen(screen)?.decided === before.decided + 1,
				5000,
			);
		}

		if (inLabel) {
			const filled = await fillDuring(data, disk, when, leave);
			totals.commits++;
			cli.write('c');
			await settle(cli, 'the commit summary', (screen) => commitShown.test(screen), 15_000);
			await filled();
			// Space freed before the undo, as a user does after the message: the undo then works.
			const freeFirst = random.next() < 0.75;
			if (freeFirst) await disk.free();
			note += freeFirst ? ', space freed' : '';
			if (/Commit stopped|not moved|Commit failed/.test(cli.screen().join('\n')))
				totals.commitsRefused++;
			const undos = random.between(1, 3);
			for (let sent = 0; sent < undos; sent++) {
				const before = cli.screen().join('\n');
				cli.write('u');
				totals.undos++;
				await settle(cli, 'the undo', (screen) => screen !== before, 2000);
			}
			note += `, ${undos} undo`;
		}

		cli.write('q');
		const ended = await Promise.race([
			cli.exited,
			new Promise((resolve) => setTimeout(resolve, 15_000, undefined)),
		]);
		if (ended === undefined) {
			throw new InvariantError(
				'8 (quits on a full disk)',
				`label did not exit after q: ${cli.screen().join('\n')}`,
			);
		}
		noStackTrace('imgsift label', cli.output());
	} finally {
		cli.kill('SIGKILL');
		await cli.exited;
	}

	if (!inLabel) {
		const filled = await fillDuring(data, disk, when, leave);
		totals.commits++;
		const run = await runCli(['commit', data.dir, '--user', data.user]);
		await filled();
		noStackTrace('imgsift commit', run.stderr + run.stdout);
		if (run.code !== 0 && run.code !== 1) {
			throw new InvariantError(
				'4 (commit exits 0 or 1)',
				`exit ${run.code ?? run.signal}: ${run.stderr}`,
			);
		}
		if (run.code === 1) totals.commitsRefused++;
	}

	await disk.free();
	const status = await statusOf(data.dir, data.user);
	await checkAfterKill(data, {decided: status.decided, inFlight: 0, items: new Map()});
	return note;
}

/**
Runs label and commit on a dataset on a 3 MB tmpfs that is filled at random points: each round
fills it before a commit and undo, then frees it and checks the kill torture's invariants (file
multiset unchanged, journal and files agree, nothing unrecorded in a class folder) and that no
command printed a stack trace.
*/
export async function runFullDiskTorture(options: FullDiskOptions): Promise<FullDiskReport> {
	const random = seededRandom(options.seed);
	const totals = {commits: 0, commitsRefused: 0, undos: 0};
	const disk = await mountSmallDisk('3m');
	if (typeof disk === 'string') {
		return {rounds: 0, ...totals, skipped: disk};
	}

	let round = 0;
	try {
		const dir = path.join(disk.mountPoint, 'data');
		await smallDataset(dir, 8);
		const data: Dataset = {
			dir,
			user: 'torture',
			classes: ['photo', 'screenshot'],
			original: contentMultiset(await filesOf(dir, undefined)),
		};
		for (round = 1; round <= options.rounds; round++) {
			const note = await fullDiskRound(data, disk, random, totals);
			options.log?.(`full disk ${round}/${options.rounds}: ${note}`);
		}

		return {rounds: options.rounds, ...totals};
	} catch (error) {
		const invariant = error instanceof InvariantError ? error.invariant : 'harness';
		const message = error instanceof Error ? error.message : String(error);
		return {rounds: round, ...totals, failure: {round, invariant, message}};
	} finally {
		await disk.free().catch(() => undefined);
		await disk.unmount();
	}
}
