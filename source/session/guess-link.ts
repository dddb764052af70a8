import {assertNever} from '../core/assert-never.js';
import type {Guess} from '../core/journal-record.js';
import type {SessionState} from '../core/session-state.js';
import type {ShrunkImage} from '../image/shrink.js';
import {AgreementCounter} from '../model/agreement.js';
import type {GuessSource, GuessView} from '../model/guess-source.js';
import type {GuessStats, GuessStatus} from './screen-contract.js';

/** How far ahead of the cursor guesses are computed. */
const guessAhead = 8;

/** Images guessed at a time while the grid is on screen (see gridShown). */
const gridWorkers = 2;

/**
The labeling loop's side of a guess source: what the screen shows for the image on it, the guess a
key may accept, and work ahead of the cursor. Never waits: an unready guess reads as pending.
*/
export class GuessLink {
	readonly #source: GuessSource | undefined;
	readonly #hint: string;
	#shown: {path: string | undefined; view: GuessView | undefined; status: GuessStatus} | undefined;
	readonly #agreement = new AgreementCounter();
	#keys = 0;
	/** The guess source's one-line state as of the last state change (see follow). */
	#summary: string | undefined;
	#walkEnded = false;
	#lastState: SessionState | undefined;

	constructor(source: GuessSource | undefined, hint: string) {
		this.#source = source;
		this.#hint = hint;
	}

	get enabled(): boolean {
		return this.#source !== undefined;
	}

	/** Calls `listener` when a source's guesses may have changed. */
	onChange(listener: () => void): () => void {
		return this.#source?.onChange(listener) ?? (() => undefined);
	}

	/** The guess slot's content for the image on screen; the same object while nothing changed. */
	status(itemPath: string | undefined): GuessStatus {
		const view = itemPath === undefined ? undefined : this.#source?.view(itemPath);
		const shown = this.#shown;
		if (shown && shown.path === itemPath && sameView(shown.view, view)) {
			return shown.status;
		}

		const status = statusOf(view, this.#source ? '' : this.#hint);
		this.#shown = {path: itemPath, view, status};
		return status;
	}

	/** The ready guess for an image, if there is one now. */
	current(itemPath: string): Guess | undefined {
		const view = this.#source?.view(itemPath);
		return view?.status === 'ready' ? view.guess : undefined;
	}

	/** Why Enter cannot accept a guess for this image now, or undefined when it can. */
	acceptProblem(itemPath: string, classes: readonly string[]): string | undefined {
		if (!this.#source) {
			return `No guess to accept: ${this.#hint || 'no guess source is configured'}. Use the class keys.`;
		}

		const view = this.#source.view(itemPath);
		if (view.status === 'pending') {
			return 'The guess is not ready yet; press a class key, or Enter again in a moment.';
		}

		if (view.status === 'none') {
			return `No guess for this image (${view.reason}). Use the class keys.`;
		}

		return classes.includes(view.guess.label)
			? undefined
			: `The guess "${view.guess.label}" is not one of your classes. Use the class keys.`;
	}

	/** The walk found every file: learning from the decisions may start. */
	walkEnded(): void {
		this.#walkEnded = true;
		if (this.#lastState) this.#source?.observe(this.#lastState);
	}

	/** Learns from the state's decisions and starts guessing the cursor and what follows it. */
	follow(state: SessionState, upcoming: readonly string[]): void {
		if (!this.#source) {
			return;
		}

		this.#lastState = state;
		// Relearning reads and decodes every decided image: not while the walk needs the disk.
		if (state.scanDone || this.#walkEnded) this.#source.observe(state);
		// Read here, not on every snapshot: the learner finishing a step after a key would
		// otherwise redraw the whole screen (image included) a frame later just for this line.
		this.#summary = this.#source.summary();
		const wanted = state.cursor === undefined ? upcoming : [state.cursor, ...upcoming];
		this.#source.request(wanted.slice(0, guessAhead + 1));
	}

	/** True while the source is still working on this image's guess. */
	isPending(itemPath: string): boolean {
		return this.#source?.view(itemPath).status === 'pending';
	}

	/**
	Starts guessing these images (a grid's window), without waiting; the first `first` of them (the
	pages to come) go before anything else still waiting for a worker.
	*/
	requestMany(itemPaths: readonly string[], first = 0): void {
		const source = this.#source;
		if (!source) return;
		source.request(itemPaths);
		if (first > 0) source.prioritize?.(itemPaths.slice(0, first));
	}

	/**
	The grid is on screen (or not): while it is, two images are guessed at a time, so guesses keep
	ahead of a person who decides a page of them at a glance; the single view needs one at a time.
	*/
	gridShown(shown: boolean): void {
		this.#source?.widen?.(shown ? gridWorkers : undefined);
	}

	/** The small decode the image's guess was made from, while the source keeps it. */
	thumbnail(itemPath: string): ShrunkImage | undefined {
		return this.#source?.thumbnail?.(itemPath);
	}

	/** Forgets an image whose file changed, so its guess is made again from the new content. */
	forget(itemPath: string): void {
		this.#source?.forget(itemPath);
	}

	/** Counts a key that acted, for keys per image. */
	countKey(): void {
		this.#keys++;
	}

	stats(state: SessionState): GuessStats | undefined {
		if (!this.#source) {
			return undefined;
		}

		const decided = state.sessions[0]?.decided ?? 0;
		return {
			// Per change, only the decisions map's changed buckets are read.
			...this.#agreement.of(state.decisions),
			keysPerImage: decided > 0 ? this.#keys / decided : undefined,
			summary: this.#summary ?? this.#source.summary(),
		};
	}

	async close(): Promise<void> {
		await this.#source?.close();
	}
}

function sameView(left: GuessView | undefined, right: GuessView | undefined): boolean {
	if (left === undefined || right === undefined) {
		return left === right;
	}

	if (left.status === 'ready' && right.status === 'ready') {
		return (
			left.guess.label === right.guess.label &&
			left.guess.confidence === right.guess.confidence &&
			left.guess.source === right.guess.source
		);
	}

	return (
		left.status === right.status &&
		(left.status !== 'none' || left.reason === (right as typeof left).reason)
	);
}

function statusOf(view: GuessView | undefined, hint: string): GuessStatus {
	if (view === undefined) {
		return {status: 'off', hint};
	}

	switch (view.status) {
		case 'pending': {
			return {status: 'pending'};
		}

		case 'ready': {
			return {status: 'ready', ...view.guess};
		}

		case 'none': {
			return {status: 'unavailable', reason: view.reason};
		}
		default: {
			return assertNever(view);
		}
	}
}
