import {assertNever} from '../core/assert-never.js';
import {fileIdentity} from '../core/journal-record.js';
import type {KeyIntent} from '../core/keymap.js';
import {upcomingItems} from '../core/session-state.js';
import {Listeners} from '../shared/listeners.js';
import {onceAfterThisTask, onceNextTurn} from '../shared/next-turn.js';
import {agreeCopies} from './copy-conflict.js';
import {FramePacer} from './frame-pacing.js';
import {GuessLink} from './guess-link.js';
import {acceptNearIntent, movedWithUndo} from './hygiene-intents.js';
import {itemFileStat} from './item-file-stat.js';
import {composeMessage} from './notices.js';
import type {CellOrigin, ImageBox, LabelController, LabelSnapshot} from './screen-contract.js';
import type {LabelControllerOptions} from './session-controller-options.js';
import {buildSnapshot, type ViewExtras} from './snapshot.js';

export type {CommitOutcome, LabelControllerOptions} from './session-controller-options.js';

/** Turns key intents into journaled session actions and keeps the screen's snapshot current. */
export class SessionController implements LabelController {
	readonly #options: LabelControllerOptions;
	readonly #listeners = new Listeners();
	#snapshot: LabelSnapshot;
	#message: ViewExtras['message'];
	#busy: ViewExtras['busy'];
	#intents: Promise<void> = Promise.resolve();
	#shownAt: number;
	#shownPath: string | undefined;
	/** Decodes and reads for later images start after this frame is written, not during it. */
	readonly #followUpcoming = onceNextTurn(() => {
		const state = this.#options.store.getState();
		this.#options.view.prefetch(upcomingItems(state, this.#options.prefetchAhead ?? 4));
		this.#options.hygiene?.follow(state);
	});
	#quitting: Promise<void> | undefined;
	readonly #finished: Promise<void>;
	#finish: () => void = () => undefined;
	readonly #guesses: GuessLink;
	readonly #pacer = new FramePacer({intervalMs: 200, onDue: () => this.#emit()});

	constructor(options: LabelControllerOptions) {
		this.#options = options;
		this.#guesses = options.guesses ?? new GuessLink(undefined, options.guessHint);
		this.#shownAt = this.#now();
		this.#message = options.initialMessage;
		this.#finished = new Promise((resolve) => {
			this.#finish = resolve;
		});
		this.#snapshot = this.#build();
		options.store.subscribe(() => this.#refresh());
		this.#guesses.onChange(() => this.#guessChanged());
		options.hygiene?.onChange(() => this.#emit());
		options.audit?.onChange?.(() => this.#emit());
		options.notices?.onChange(() => this.#emit());
	}

	/** Resolves when the user has quit and the quit work (commit, flush) is done. */
	get finished(): Promise<void> {
		return this.#finished;
	}

	subscribe(listener: () => void): () => void {
		return this.#listeners.add(listener);
	}

	getSnapshot(): LabelSnapshot {
		return this.#snapshot;
	}

	setImageBox(box: ImageBox, origin: CellOrigin): void {
		this.#options.view.setBox(box, origin);
		this.#refresh();
	}

	/** Called by the view when an image finished loading. */
	viewChanged(): void {
		this.#emit();
	}

	intent(intent: KeyIntent): void {
		if (this.#quitting) {
			return;
		}

		if (intent.action === 'quit') {
			void this.quit();
			return;
		}

		// One at a time, in order: each key acts on the state its predecessors left.
		this.#intents = this.#intents
			.then(async () => this.#handle(intent))
			.catch((error: unknown) => {
				this.say('error', error instanceof Error ? error.message : String(error));
			});
	}

	/** Leaves the session: waits for queued keys, commits unless told not to, then finishes. */
	async quit(commit = this.#options.commitOnExit): Promise<void> {
		this.#quitting ??= (async () => {
			await this.#intents;
			// Copy and broken records from the background checks land before the commit plans.
			await this.#options.hygiene?.close();
			if (commit) {
				this.#setBusy('committing');
				const outcome = await this.#options.commit();
				this.say(outcome.ok ? 'info' : 'error', outcome.summary);
			}

			this.#setBusy('quitting');
			this.#pacer.stop();
			this.#finish();
		})();
		return this.#quitting;
	}

	async #handle(intent: KeyIntent): Promise<void> {
		const {store, view} = this.#options;
		const state = store.getState();
		if (intent.action === 'accept-near') {
			const near = acceptNearIntent(this.#options.hygiene, state);
			return 'intent' in near ? this.#handle(near.intent) : this.say('info', near.problem);
		}

		const time = new Date(this.#now()).toISOString();
		if (intent.action === 'agree-copies') {
			const problem = await agreeCopies(store, this.#options.hygiene?.status(state).conflict, time);
			return problem === undefined ? this.#clearMessage() : this.say('info', problem);
		}

		switch (intent.action) {
			case 'decide':
			case 'skip':
			case 'accept-guess': {
				const itemPath = state.cursor;
				if (itemPath === undefined) {
					return;
				}

				const problem =
					intent.action === 'accept-guess'
						? this.#guesses.acceptProblem(itemPath, state.classes)
						: undefined;
				if (problem !== undefined) {
					this.say('info', problem);
					return;
				}

				const details =
					(await view.detailsFor(itemPath)) ?? (await itemFileStat(this.#options.dir, itemPath));
				if (!details && intent.action !== 'skip') {
					this.say(
						'error',
						'This file is gone (deleted or moved by another program). Press s to skip it.',
					);
					return;
				}

				const item = {path: itemPath, ...fileIdentity(details ?? {size: 0, mtimeMs: 0})};
				const ms = Math.max(0, Math.round(this.#now() - this.#shownAt));
				// The guess on screen goes into the journal beside the decision, for agreement figures.
				const guess = this.#guesses.current(itemPath);
				const label = intent.action === 'decide' ? state.classes[intent.classIndex] : undefined;
				this.#guesses.countKey();
				// Before the next image shows: the message was about the image that is leaving.
				this.#clearMessage();
				const origin = this.#options.audit?.originOf(itemPath);
				const from = origin ? {origin} : {};
				await store.apply(
					intent.action === 'accept-guess'
						? {type: 'accept-guess', item, guess, time, ms, ...from}
						: label === undefined
							? {type: 'skip', item, time, ms}
							: {type: 'decide', item, label, time, ms, ...(guess ? {guess} : {}), ...from},
				);
				return;
			}

			case 'undo': {
				const entry = state.history?.top;
				if (!entry) {
					this.say('info', 'Nothing to undo.');
					return;
				}

				for (const [movedPath, movedTo] of movedWithUndo(state, entry.path)) {
					await this.#options.restore(movedPath, movedTo);
				}

				this.#guesses.countKey();
				this.#clearMessage();
				await store.apply({type: 'undo', time, target: entry.seq});
				return;
			}

			case 'commit': {
				this.#setBusy('committing');
				const outcome = await this.#options.commit();
				this.#busy = undefined;
				this.say(outcome.ok ? 'info' : 'error', outcome.summary);
				return;
			}

			case 'help':
			case 'toggle-view':
			case 'quit': {
				// Help and the view are the screen's own state; quit is handled before queueing.
				return;
			}
			default: {
				return assertNever(intent.action);
			}
		}
	}

	#refresh(): void {
		const {store, view} = this.#options;
		const state = store.getState();
		if (state.cursor !== this.#shownPath) {
			this.#shownPath = state.cursor;
			this.#shownAt = this.#now();
		}

		view.show(state.cursor);
		this.#guesses.follow(state, upcomingItems(state, 8));
		this.#emit();
		this.#followUpcoming();
	}

	/** A guess arrived or the learner moved: repaint only if what the screen shows changed. */
	#guessChanged(): void {
		const state = this.#options.store.getState();
		const stats = this.#guesses.stats(state);
		if (
			this.#guesses.status(state.cursor) !== this.#snapshot.guess ||
			stats?.summary !== this.#snapshot.guessStats?.summary
		) {
			this.#emit();
		}
	}

	/** On a decide, skip or undo: the message was about the image that is leaving. */
	#clearMessage(): void {
		if (this.#message !== undefined) {
			this.#message = undefined;
			this.#emit();
		}
	}

	say(kind: 'info' | 'error', text: string): void {
		this.#message = {kind, text};
		this.#emit();
	}

	#setBusy(busy: ViewExtras['busy']): void {
		this.#busy = busy;
		this.#emit();
	}

	/**
	Coalesces the changes of one turn (state, image, message) into one snapshot and one frame;
	changes no one waits for are paced (frame-pacing.ts).
	*/
	readonly #emit = onceAfterThisTask(() => {
		const next = this.#build();
		if (this.#pacer.showNow(this.#snapshot, next)) {
			this.#snapshot = next;
			this.#listeners.emit();
		}
	});

	#build(): LabelSnapshot {
		const {store, view} = this.#options;
		const state = store.getState();
		return buildSnapshot(state, {
			details: view.details,
			image: view.status,
			guess: this.#guesses.status(state.cursor),
			guessStats: this.#guesses.stats(state),
			hygiene: this.#options.hygiene?.status(state),
			adjudication:
				state.cursor === undefined ? undefined : this.#options.adjudication?.(state.cursor),
			message: composeMessage(
				this.#message ?? this.#auditNote(state.cursor),
				this.#options.notices?.all ?? [],
				this.#options.audit?.line,
			),
			busy: this.#busy,
		});
	}

	#auditNote(path: string | undefined): ViewExtras['message'] {
		const text = this.#options.audit?.noteOf(path);
		return text === undefined ? undefined : {kind: 'info', text};
	}

	#now(): number {
		return (this.#options.now ?? Date.now)();
	}
}
