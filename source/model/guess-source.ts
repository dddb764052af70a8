import type {Guess} from '../core/journal-record.js';
import type {SessionState} from '../core/session-state.js';
import type {ShrunkImage} from '../image/shrink.js';

/** What a source can say about one image right now. */
export type GuessView =
	| {readonly status: 'pending'}
	| {readonly status: 'ready'; readonly guess: Guess}
	| {readonly status: 'none'; readonly reason: string};

/**
A guess source, seen the same way by the labeling loop, the `guess` command and the bench:
synchronous views for the screen, asynchronous requests computed off the UI thread.
*/
export type GuessSource = {
	/** Shown when no guess is ready, e.g. "built-in photo/screenshot score". */
	readonly description: string;
	/** Synchronous: what is known now. Never waits. */
	view(itemPath: string): GuessView;
	/** Resolves when the source has settled on this image (ready or none). */
	guess(itemPath: string, urgent?: boolean): Promise<GuessView>;
	/** Starts computing guesses for these images, in order, without waiting. */
	request(itemPaths: readonly string[]): void;
	/**
	Drops what is known about an image whose file changed (a commit set it aside to label again), so
	its next guess comes from the new content.
	*/
	forget(itemPath: string): void;
	/** At least this many images guessed at a time while set (a grid on screen); undefined: as opened. */
	widen?(workers: number | undefined): void;
	/** Like request, and these go before everything else still waiting, in this order. */
	prioritize?(itemPaths: readonly string[]): void;
	/** The small decode a guess was made from, while kept: a grid cell may reuse it. */
	thumbnail?(itemPath: string): ShrunkImage | undefined;
	/** Called when a view may have changed (a guess became ready, or the learner changed). */
	onChange(listener: () => void): () => void;
	/** Learns from the session's decisions (sources that learn); cheap when nothing changed. */
	observe(state: SessionState): void;
	/** Resolves when what `observe` started is learned: for batch use, not the loop. */
	settle(): Promise<void>;
	/** One line about the source's state, e.g. "learned from 12 labels". */
	summary(): string;
	close(): Promise<void>;
};

export {Listeners} from '../shared/listeners.js';
