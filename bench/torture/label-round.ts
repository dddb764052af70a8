import {watch} from 'node:fs';
import {setTimeout as delay} from 'node:timers/promises';
import {labelsDir} from '../../source/store/paths.js';
import type {PtySession} from '../../tests/helpers/pty-session.js';
import {startTortureLabel} from './datasets.js';
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
	/**
	After the keys, send `u` and kill 0–`undoKillMs` ms later: with everything committed (each
	check commits), that undo moves a committed file back, and the kill lands inside the move.
	*/
	readonly undoKillMs?: number;
};

export type LabelRoundResult = {
	readonly decided: number;
	readonly inFlight: number;
	readonly keysSent: string;
	/** An undo was sent while the screen showed committed files (the kill is then an undo kill). */
	readonly undoOfCommitted: boolean;
};

/** An undo of a committed file writes this before it moves the file back. */
const restoreIntent = 'restore-intent.json';

/** Item names at the dataset's top level, and the partial copy an undo across filesystems makes. */
const itemName = /^img_\d{4}\.[a-z]+(\.imgsift-partial)?$/;

export type UndoKillPoint = 'intent' | 'file-back';

/**
Sends `key` and SIGKILLs the CLI `delayMs` after the undo's move back shows: its restore intent
appears (`intent`), or a file (or partial copy) appears at its old place (`file-back`: then the
kill lands between the link and the unlink, or before the record). After a second with neither,
the undo moved no file, and the kill comes then.
*/
async function sendAndKillInside(
	cli: PtySession,
	dir: string,
	key: string,
	point: UndoKillPoint,
	delayMs: number,
): Promise<void> {
	let moveSeen = () => {};
	const seen = new Promise<void>((resolve) => {
		moveSeen = resolve;
	});
	const watcher =
		point === 'intent'
			? watch(labelsDir(dir), (_event, name) => {
					if (name === restoreIntent) moveSeen();
				})
			: watch(dir, (_event, name) => {
					if (name !== null && itemName.test(name)) moveSeen();
				});
	const noMove = setTimeout(moveSeen, 1000);
	try {
		cli.write(key);
		await seen;
		if (delayMs > 0) await delay(delayMs);
		cli.kill('SIGKILL');
	} finally {
		clearTimeout(noMove);
		watcher.close();
	}
}

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

/**
Another image is on screen. No image (a commit sent just before keeps the screen busy) is not
another: counted as one, an undo still queued behind the commit passed for done.
*/
function shownAnother(before: ScreenState, after: ScreenState): boolean {
	return after.file !== undefined && after.file !== before.file;
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
				shownAnother(before, after)
			);
		case 's':
			return after.skipped === before.skipped + 1 || shownAnother(before, after);
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
	const cli = startTortureLabel(data);
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

		let undoOfCommitted = false;
		if (options.undoKillMs !== undefined && (state.decided > 0 || state.skipped > 0)) {
			undoOfCommitted = state.committed > 0;
			keysSent += 'u!';
			inFlight++;
			const point = random.pick<UndoKillPoint>([
				['intent', 1],
				['file-back', 1],
			]);
			const delayMs = random.between(0, point === 'intent' ? options.undoKillMs : 2);
			await sendAndKillInside(cli, data.dir, 'u', point, delayMs);
		}

		return {decided: state.decided, inFlight, keysSent, undoOfCommitted};
	} finally {
		cli.kill('SIGKILL');
		await cli.exited;
	}
}
