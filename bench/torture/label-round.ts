import {setTimeout as delay} from 'node:timers/promises';
import {type PtySession, startCli} from '../../tests/helpers/pty-session.js';
import {type Dataset, InvariantError} from './invariants.js';
import type {Random} from './prng.js';
import {describeScreenState, readScreen, type ScreenState} from './screen-state.js';

type Key = '1' | '2' | 'u' | 's' | 'c';

/** How long a key may take to show its effect before it counts as in flight. */
const ackTimeoutMs = 5000;

export type LabelRoundOptions = {
	/** Keys to send, each waited for until the screen shows its effect. */
	readonly keys: number;
	/** Send `c` after the keys and kill 0–30 ms later, catching the commit in flight. */
	readonly commitInFlight: boolean;
	/** The decided count the restarted screen must show (undefined on a fresh folder). */
	readonly expectDecided: number | undefined;
};

export type LabelRoundResult = {
	readonly decided: number;
	readonly inFlight: number;
	readonly keysSent: string;
};

function currentState(cli: PtySession): ScreenState | undefined {
	return readScreen(cli.screen().join('\n'));
}

function chooseKey(state: ScreenState, random: Random): Key {
	const canUndo = state.decided > 0 || state.skipped > 0;
	if (state.done || state.file === undefined) {
		return canUndo
			? random.pick<Key>([
					['u', 4],
					['c', 1],
				])
			: 'c';
	}

	// Undo grows likelier as the queue fills, so long runs hover around 60% decided and keep
	// moving files both ways instead of settling at "Nothing left to label".
	const undoWeight = canUndo ? 0.5 + (10 * state.decided) / Math.max(1, state.total) : 0;
	return random.pick<Key>([
		['1', 3],
		['2', 3],
		['u', undoWeight],
		['s', 1],
		['c', 1],
	]);
}

/** The screen shows what `key` does to `before`. */
function acknowledges(key: Key, before: ScreenState, after: ScreenState): boolean {
	switch (key) {
		case '1':
		case '2':
			return after.decided === before.decided + 1;
		case 'u':
			// An undo shows the item it reopened; undoing a relabel or a second skip changes no count.
			return (
				after.decided === before.decided - 1 ||
				after.skipped === before.skipped - 1 ||
				after.file !== before.file
			);
		case 's':
			return after.skipped === before.skipped + 1 || after.file !== before.file;
		case 'c':
			return true;
	}
}

/** Waits until an image (or the end of the queue) is on screen, so keys reach a live input. */
async function waitReady(cli: PtySession): Promise<ScreenState> {
	await cli.waitFor(
		(screen) => {
			const state = readScreen(screen);
			return state !== undefined && (state.done || state.file !== undefined);
		},
		'the labeling screen with an image or "Nothing left to label"',
		30_000,
	);
	const state = currentState(cli);
	if (state === undefined) {
		throw new Error('the progress counter vanished from the screen');
	}

	return state;
}

/**
Starts `imgsift label` in a pty (a restart after the previous kill), checks it resumed with every
decision, sends random keys, each acknowledged by the screen, and SIGKILLs it. `items` is kept
up to date with the decisions the screen acknowledged.
*/
export async function labelRound(
	data: Dataset,
	random: Random,
	items: Map<string, string>,
	options: LabelRoundOptions,
): Promise<LabelRoundResult> {
	const cli = startCli(
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
		],
		{columns: 120, rows: 40},
	);
	let keysSent = '';
	try {
		let state = await waitReady(cli);
		if (options.expectDecided !== undefined && state.decided !== options.expectDecided) {
			throw new InvariantError(
				'1 (a restart shows every decision)',
				`status said ${options.expectDecided} decided; the restarted screen shows ${describeScreenState(state)}`,
			);
		}

		let inFlight = 0;
		for (let sent = 0; sent < options.keys; sent++) {
			if (!state.done && state.file === undefined) {
				state = await waitReady(cli);
			}

			const key = chooseKey(state, random);
			const before = state;
			cli.write(key);
			keysSent += key;
			if (key === 'c') {
				continue;
			}

			try {
				await cli.waitFor(
					(screen) => {
						const after = readScreen(screen);
						// An undone decision counts once the screen shows which item it reopened.
						const undone =
							key === 'u' && after?.decided === before.decided - 1
								? after.file !== undefined && items.has(after.file)
								: true;
						return after !== undefined && acknowledges(key, before, after) && undone;
					},
					`key ${key} acknowledged`,
					ackTimeoutMs,
				);
			} catch {
				inFlight++;
				keysSent += '?';
			}

			state = currentState(cli) ?? state;
			if ((key === '1' || key === '2') && state.decided === before.decided + 1 && before.file) {
				items.set(before.file, data.classes[Number(key) - 1] ?? key);
			} else if (key === 'u' && state.decided === before.decided - 1 && state.file) {
				items.delete(state.file);
			}
		}

		if (options.commitInFlight) {
			cli.write('c');
			keysSent += 'c';
			await delay(random.between(0, 30));
		}

		return {decided: state.decided, inFlight, keysSent};
	} finally {
		cli.kill('SIGKILL');
		await cli.exited;
	}
}
