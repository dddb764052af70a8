import {existsSync} from 'node:fs';
import path from 'node:path';
import {checkRound, unsettledNow} from './check-round.js';
import {runCliAndKill} from './cli-runs.js';
import {decisionsOnDisk, makeTracks, removeTracks, type Track} from './datasets.js';
import {type Acknowledged, checkAcknowledged, checkAfterKill} from './invariants.js';
import {labelRound} from './label-round.js';
import {seededRandom} from './prng.js';

export type KillKind = 'label' | 'label-commit' | 'commit' | 'undo' | 'check';

export type TortureOptions = {
	readonly seed: number;
	readonly kills: number;
	/** Progress lines, one per kill. */
	readonly log?: (line: string) => void;
};

/**
The first rounds, before the random ones: every kind on both datasets, so even a short run kills
an undo of a committed file, a commit and a quarantine whose moves cross filesystems.
*/
const opening: ReadonlyArray<readonly [number, KillKind]> = [
	[0, 'label'],
	[1, 'label'],
	[1, 'undo'],
	[0, 'undo'],
	[1, 'check'],
	[1, 'commit'],
	[0, 'check'],
	[1, 'label-commit'],
	[1, 'check'],
	[0, 'commit'],
];

export type TortureFailure = {
	readonly kill: number;
	readonly kind: KillKind;
	/** Which dataset: `local`, or `across` (class folders on another filesystem). */
	readonly track: string;
	readonly invariant: string;
	readonly message: string;
	/** The dataset as the failure left it, kept for a look. */
	readonly dir: string;
};

export type TortureReport = {
	readonly seed: number;
	readonly kills: number;
	readonly byKind: Record<KillKind, number>;
	/** Kills on the dataset whose class folders are on another filesystem. */
	readonly killsAcross: number;
	/** Commits (standalone or from the `c` key) whose plan was still on disk after the kill. */
	readonly commitsInterrupted: number;
	/** Undo kills that left `.labels/restore-intent.json`: a move back caught before its record. */
	readonly undosInterrupted: number;
	/** Kills after which, before any restart, a file was in two places, partial or missing. */
	readonly unsettledAtKill: number;
	/** Keys sent whose effect the screen had not shown at the kill. */
	readonly keysInFlight: number;
	readonly failure?: TortureFailure;
};

const planFile = 'commit-plan.json';
const restoreIntent = 'restore-intent.json';
const labelsFile = (track: Track, name: string) => path.join(track.data.dir, '.labels', name);

function chooseKind(track: Track, random: ReturnType<typeof seededRandom>): KillKind {
	if (track.expectDecided === undefined) return 'label';
	return random.pick<KillKind>([
		['label', 4],
		['label-commit', 2],
		['commit', 2],
		['undo', 2],
		['check', 1],
	]);
}

/**
Runs the CLI on two copies of the samples (class folders inside, and on another filesystem),
SIGKILLs it `kills` times at random moments (label with keys acknowledged, label with a commit
in flight, commit, an undo of a committed file, check --quarantine), and checks every invariant
after each kill and restart. Stops at the first failure, keeping the folder.
*/
export async function runTorture(options: TortureOptions): Promise<TortureReport> {
	const random = seededRandom(options.seed);
	const log = options.log ?? (() => undefined);
	const tracks = await makeTracks();
	const byKind: Record<KillKind, number> = {
		label: 0,
		'label-commit': 0,
		commit: 0,
		undo: 0,
		check: 0,
	};
	const totals = {
		kills: 0,
		killsAcross: 0,
		commitsInterrupted: 0,
		undosInterrupted: 0,
		unsettledAtKill: 0,
		keysInFlight: 0,
	};
	let kind: KillKind = 'label';
	let track = tracks[0] as Track;
	const counted = (what: KillKind) => {
		totals.kills++;
		byKind[what]++;
		if (track.name === 'across') totals.killsAcross++;
	};
	const report = () => ({seed: options.seed, byKind, ...totals});

	try {
		for (let round = 0; totals.kills < options.kills; round++) {
			const scripted = opening[round];
			// One round in three on the dataset whose moves cross filesystems.
			const trackIndex = scripted?.[0] ?? (random.next() < 1 / 3 ? 1 : 0);
			track = tracks[trackIndex] ?? (tracks[0] as Track);
			kind = scripted?.[1] ?? chooseKind(track, random);
			const {data} = track;
			let seen: Acknowledged;
			let note: string;
			if (kind === 'check') {
				const round = await checkRound(track, random);
				if (round.killed) counted(kind);
				if (round.unsettled) totals.unsettledAtKill++;
				({seen, note} = round);
			} else {
				const round = await labelRound(data, random, track.items, {
					keys: kind === 'undo' ? 0 : random.between(1, 8),
					commitInFlight: kind === 'label-commit',
					expectDecided: track.expectDecided,
					...(kind === 'undo' ? {undoKillMs: 30} : {}),
				});
				const roundKind =
					kind === 'commit' || (kind === 'undo' && !round.undoOfCommitted) ? 'label' : kind;
				counted(roundKind);
				totals.keysInFlight += round.inFlight;
				if (kind === 'label-commit' && existsSync(labelsFile(track, planFile))) {
					totals.commitsInterrupted++;
				}

				const undoCaught = kind === 'undo' && existsSync(labelsFile(track, restoreIntent));
				if (undoCaught) totals.undosInterrupted++;
				if (kind !== 'commit' && (await unsettledNow(track))) totals.unsettledAtKill++;
				seen = {decided: round.decided, inFlight: round.inFlight, items: track.items};
				note = `keys ${round.keysSent}${undoCaught ? ' (undo caught mid-move)' : ''}, screen ${round.decided} decided`;
				if (kind === 'commit') {
					await checkAcknowledged(data, seen);
					const commitArgs = ['commit', data.dir, '--user', data.user];
					const run = await runCliAndKill(data.dir, commitArgs, planFile, random.between(0, 30));
					if (run.killedAlive) counted(kind);
					if (run.killedAlive && existsSync(labelsFile(track, planFile))) {
						totals.commitsInterrupted++;
					}

					if (run.killedAlive && (await unsettledNow(track))) totals.unsettledAtKill++;
					note += `; commit ${run.killedAlive ? 'killed' : 'finished first'}`;
				}
			}

			track.expectDecided = await checkAfterKill(data, seen);
			if (seen.inFlight > 0) {
				track.items = await decisionsOnDisk(data);
			}

			log(
				`kill ${totals.kills}/${options.kills} ${kind} [${track.name}]: ${note}; now ${track.expectDecided} decided`,
			);
		}
	} catch (error) {
		const invariant =
			error instanceof Error && 'invariant' in error ? String(error.invariant) : 'harness';
		return {
			...report(),
			failure: {
				kill: totals.kills,
				kind,
				track: track.name,
				invariant,
				message: error instanceof Error ? error.message : String(error),
				dir: track.data.dir,
			},
		};
	}

	await removeTracks(tracks);
	return report();
}
