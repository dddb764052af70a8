import {existsSync} from 'node:fs';
import path from 'node:path';
import {entries} from '../../source/core/persistent-map.js';
import {
	contentMultiset,
	copySamples,
	inventory,
	removeFolder,
} from '../../tests/helpers/dataset.js';
import {journalStateOf, runCli, runCliAndKill} from './cli-runs.js';
import {type Acknowledged, checkAcknowledged, checkAfterKill, type Dataset} from './invariants.js';
import {labelRound} from './label-round.js';
import {seededRandom} from './prng.js';

export type KillKind = 'label' | 'label-commit' | 'commit' | 'check';

export type TortureOptions = {
	readonly seed: number;
	readonly kills: number;
	/** Progress lines, one per kill. */
	readonly log?: (line: string) => void;
};

export type TortureFailure = {
	readonly kill: number;
	readonly kind: KillKind;
	readonly invariant: string;
	readonly message: string;
	/** The dataset as the failure left it, kept for a look. */
	readonly dir: string;
};

export type TortureReport = {
	readonly seed: number;
	readonly kills: number;
	readonly byKind: Record<KillKind, number>;
	/** Commits (standalone or from the `c` key) whose plan was still on disk after the kill. */
	readonly commitsInterrupted: number;
	/** Keys sent whose effect the screen had not shown at the kill. */
	readonly keysInFlight: number;
	readonly failure?: TortureFailure;
};

const user = 'torture';
const classes = ['photo', 'screenshot'];
const planFile = 'commit-plan.json';
const quarantineLog = 'quarantine.jsonl';

const planLeft = (dir: string) => existsSync(path.join(dir, '.labels', planFile));

/** The decisions the journal holds (copies aside): what the screen showed after an inexact round. */
async function decisionsOnDisk(data: Dataset): Promise<Map<string, string>> {
	const state = await journalStateOf(data.dir, data.user, data.classes);
	return new Map(
		[...entries(state.decisions)].flatMap(([item, decision]) =>
			decision.copyOf === undefined ? [[item, decision.label] as const] : [],
		),
	);
}

/**
Runs the CLI on a copy of the samples, SIGKILLs it `kills` times at random moments (label with
keys acknowledged, label with a commit in flight, commit, check --quarantine), and checks every
invariant after each kill. Stops at the first failure, keeping the folder.
*/
export async function runTorture(options: TortureOptions): Promise<TortureReport> {
	const random = seededRandom(options.seed);
	const log = options.log ?? (() => undefined);
	const dir = await copySamples('imgsift-torture-');
	const data: Dataset = {
		dir,
		user,
		classes,
		original: contentMultiset(await inventory(dir)),
	};
	const byKind: Record<KillKind, number> = {label: 0, 'label-commit': 0, commit: 0, check: 0};
	let kills = 0;
	let commitsInterrupted = 0;
	let keysInFlight = 0;
	let items = new Map<string, string>();
	let expectDecided: number | undefined;
	let kind: KillKind = 'label';
	const counted = (what: KillKind) => {
		kills++;
		byKind[what]++;
	};

	try {
		while (kills < options.kills) {
			kind =
				expectDecided === undefined
					? 'label'
					: random.pick<KillKind>([
							['label', 5],
							['label-commit', 2],
							['commit', 2],
							['check', 1],
						]);
			let seen: Acknowledged;
			let note = '';
			if (kind === 'check') {
				const quarantined = [...(await inventory(dir)).keys()].some((name) =>
					name.startsWith(path.join('labeled', '_quarantine')),
				);
				const args = ['check', dir, quarantined ? '--restore-quarantine' : '--quarantine'];
				// Moving three files takes a few ms once the quarantine log is open: kill within that
				// window. (Keyed on the lock instead, kills land mid lock-write; see the report.)
				const run = await runCliAndKill(dir, args, quarantineLog, random.between(0, 5));
				if (run.killedAlive) counted(kind);
				// The restart: the same command, to its end.
				const again = await runCli(args);
				if (again.code !== 0 && again.code !== 1) {
					throw Object.assign(
						new Error(`${args.join(' ')} after the kill exited ${again.code ?? again.signal}`),
						{invariant: 'restart'},
					);
				}

				note = `${args[2]} ${run.killedAlive ? 'killed' : 'finished first'}`;
				seen = {decided: expectDecided ?? 0, inFlight: 0, items};
			} else {
				const round = await labelRound(data, random, items, {
					keys: random.between(1, 8),
					commitInFlight: kind === 'label-commit',
					expectDecided,
				});
				counted(kind === 'commit' ? 'label' : kind);
				keysInFlight += round.inFlight;
				if (kind === 'label-commit' && planLeft(dir)) commitsInterrupted++;
				seen = {decided: round.decided, inFlight: round.inFlight, items};
				note = `keys ${round.keysSent}, screen ${round.decided} decided`;
				if (kind === 'commit') {
					await checkAcknowledged(data, seen);
					const commitArgs = ['commit', dir, '--user', user];
					const run = await runCliAndKill(dir, commitArgs, planFile, random.between(0, 30));
					if (run.killedAlive) counted(kind);
					if (run.killedAlive && planLeft(dir)) commitsInterrupted++;
					note += `; commit ${run.killedAlive ? 'killed' : 'finished first'}`;
				}
			}

			expectDecided = await checkAfterKill(data, seen);
			if (seen.inFlight > 0) {
				items = await decisionsOnDisk(data);
			}

			log(`kill ${kills}/${options.kills} ${kind}: ${note}; now ${expectDecided} decided`);
		}
	} catch (error) {
		const invariant =
			error instanceof Error && 'invariant' in error ? String(error.invariant) : 'harness';
		return {
			seed: options.seed,
			kills,
			byKind,
			commitsInterrupted,
			keysInFlight,
			failure: {
				kill: kills,
				kind,
				invariant,
				message: error instanceof Error ? error.message : String(error),
				dir,
			},
		};
	}

	await removeFolder(dir);
	return {seed: options.seed, kills, byKind, commitsInterrupted, keysInFlight};
}
