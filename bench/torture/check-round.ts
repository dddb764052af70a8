import {existsSync} from 'node:fs';
import path from 'node:path';
import {contentMultiset} from '../../tests/helpers/dataset.js';
import {runCli, runCliAndKill} from './cli-runs.js';
import type {Track} from './datasets.js';
import {type Acknowledged, filesOf} from './invariants.js';
import {labelRound} from './label-round.js';
import type {Random} from './prng.js';

/** Written before each quarantine move or restore: the kill is timed from its first appearance. */
const quarantineIntent = 'quarantine-intent.json';

export type CheckRoundResult = {
	readonly killed: boolean;
	/** Right after the kill some content was missing or doubled (a move caught half way). */
	readonly unsettled: boolean;
	readonly note: string;
	readonly seen: Acknowledged;
};

/** True when the files differ from the start: a file in two places, a partial copy, one missing. */
export async function unsettledNow(track: Track): Promise<boolean> {
	const {dir, out, original} = track.data;
	return contentMultiset(await filesOf(dir, out)).join('\n') !== original.join('\n');
}

/**
Kills `check --quarantine` (or `--restore-quarantine` while files are quarantined) a few ms into
its moves, then restarts with the same command or, one time in three, a labeling session, which
must finish the move too. The invariants are checked after the restart, by the caller.
*/
export async function checkRound(track: Track, random: Random): Promise<CheckRoundResult> {
	const {dir, out} = track.data;
	const quarantined = [...(await filesOf(dir, out)).keys()].some((name) =>
		name.split(path.sep).includes('_quarantine'),
	);
	const args = ['check', dir, quarantined ? '--restore-quarantine' : '--quarantine'];
	const run = await runCliAndKill(dir, args, quarantineIntent, random.between(0, 6));
	const unsettled = run.killedAlive && (await unsettledNow(track));
	const halfWay = existsSync(path.join(dir, '.labels', quarantineIntent));
	const restartWithLabel = random.next() < 1 / 3;
	if (restartWithLabel) {
		await labelRound(track.data, random, track.items, {
			keys: 0,
			commitInFlight: false,
			expectDecided: track.expectDecided,
		});
	} else {
		const again = await runCli(args);
		if (again.code !== 0 && again.code !== 1) {
			throw Object.assign(
				new Error(
					`${args.slice(2).join(' ')} after the kill exited ${again.code ?? again.signal}: ${again.stderr.trim()}`,
				),
				{invariant: 'restart'},
			);
		}
	}

	const state = run.killedAlive
		? `killed${halfWay ? ' mid-run' : ''}${unsettled ? ', files unsettled' : ''}`
		: 'finished first';
	return {
		killed: run.killedAlive,
		unsettled,
		note: `${args[2]} ${state}; restarted by ${restartWithLabel ? 'label' : 'the same command'}`,
		seen: {decided: track.expectDecided ?? 0, inFlight: 0, items: track.items},
	};
}
