import type {LabelSnapshot} from './screen-contract.js';

/**
Whether the change from `shown` to `next` is one a person waits for: another image, a picture
ready (or failed), a decision counted, a guess ready for the image on screen, a message, a new
phase. Scan totals, rates, file details, guess statistics, background checks, and "loading…" or
"guessing…" are not: they can wait for the next frame, and often never show (at start-up a
"loading…" frame and a guess-status frame came just before the picture, 15-80 ms each).
*/
export function needsFrameNow(shown: LabelSnapshot, next: LabelSnapshot): boolean {
	const before = shown.progress;
	const after = next.progress;
	return (
		shown.item?.path !== next.item?.path ||
		shown.item?.decidedLabel !== next.item?.decidedLabel ||
		(shown.image.status !== next.image.status && next.image.status !== 'loading') ||
		(shown.guess !== next.guess && next.guess.status === 'ready') ||
		shown.adjudication !== next.adjudication ||
		shown.phase !== next.phase ||
		shown.message?.text !== next.message?.text ||
		shown.message?.kind !== next.message?.kind ||
		before.decided !== after.decided ||
		before.skipped !== after.skipped ||
		before.committed !== after.committed ||
		before.copies !== after.copies ||
		before.broken !== after.broken
	);
}

export type FramePacerOptions = {
	/** The shortest time between two frames that no one waits for. */
	readonly intervalMs: number;
	/** Called when a held-back change is due: build the snapshot again and offer it. */
	readonly onDue: () => void;
	readonly now?: () => number;
};

/**
Paces the frames of background changes. Each frame rewrites the whole screen, the image too
(about 100 KB at 140×45 truecolor), and costs the main thread 5-30 ms; while a 100k folder was
scanned its counter alone drew ten such frames a second, and five of them came before the first
image. A change someone waits for is shown at once; others at most once per interval, the last
of them always.
*/
export class FramePacer {
	readonly #options: FramePacerOptions;
	#shownAt = Number.NEGATIVE_INFINITY;
	#timer: NodeJS.Timeout | undefined;

	constructor(options: FramePacerOptions) {
		this.#options = options;
	}

	/** True: show `next` now. False: hold it; onDue comes when the interval is over. */
	showNow(shown: LabelSnapshot, next: LabelSnapshot): boolean {
		const now = this.#now();
		const wait = this.#shownAt + this.#options.intervalMs - now;
		if (wait <= 0 || needsFrameNow(shown, next)) {
			this.#shownAt = now;
			this.stop();
			return true;
		}

		this.#timer ??= setTimeout(() => {
			this.#timer = undefined;
			this.#options.onDue();
		}, wait);
		// A held-back counter must not keep a finished session's process alive.
		this.#timer.unref();
		return false;
	}

	/** Drops a held-back change (the session is over). */
	stop(): void {
		clearTimeout(this.#timer);
		this.#timer = undefined;
	}

	#now(): number {
		return (this.#options.now ?? performance.now.bind(performance))();
	}
}
