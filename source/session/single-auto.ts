import type {DecisionOrigin} from '../core/decision-origin.js';
import {Listeners} from '../shared/listeners.js';
import {onceNextTurn} from '../shared/next-turn.js';
import {type AutoAccept, journalAutoAccepts} from './grid-auto.js';
import {gridCandidates} from './grid-pages.js';
import type {GuessLink} from './guess-link.js';
import type {SessionStore} from './session-store.js';

export type SingleAutoOptions = {
	readonly dir: string;
	readonly store: SessionStore;
	readonly guesses: GuessLink;
	readonly auto: AutoAccept;
	/** While the grid is on screen it routes the guesses itself (its pages hold the audit). */
	readonly gridActive: () => boolean;
	/** Items the person marked wrong on a grid page: never accepted unseen. */
	readonly setAside: () => ReadonlySet<string>;
	readonly now?: () => number;
};

/** No page on screen: the candidates are the grid's smallest window of open items (60). */
const noPage = 0;

/**
Auto-accept in the single view: guesses at least P sure (calibrated, gate open) are journaled
with origin `auto` before the cursor reaches them, so they skip the queue as they do in the grid.
The image on screen is never accepted behind the person's back. An item the audit picks is shown
as a normal item, flagged, and its decision is journaled with origin `single` + audit.
*/
export class SingleAuto {
	readonly #options: SingleAutoOptions;
	/** Audit items not decided yet: path → the class the model guessed. */
	readonly #audit = new Map<string, string>();
	#queue: Promise<void> = Promise.resolve();
	#line: string | undefined;
	readonly #listeners = new Listeners();

	constructor(options: SingleAutoOptions) {
		this.#options = options;
		const run = onceNextTurn(() => {
			this.#queue = this.#queue.then(async () => this.#run()).catch(() => undefined);
		});
		options.store.subscribe(run);
		options.guesses.onChange(run);
		run();
	}

	/** What auto-accept did, or why it is off: for the single view's message line. */
	get line(): string | undefined {
		return this.#line;
	}

	/** Calls `listener` when the line changed (the screen shows it, as the grid's footer does). */
	onChange(listener: () => void): () => void {
		return this.#listeners.add(listener);
	}

	/** The origin a person's decision on `path` gets: an audit check, or nothing special. */
	originOf(path: string): DecisionOrigin | undefined {
		const guessed = this.#audit.get(path);
		return guessed === undefined ? undefined : {kind: 'single', guessed, audit: true};
	}

	/** The flag the single view shows on an audit item. */
	noteOf(path: string | undefined): string | undefined {
		const guessed = path === undefined ? undefined : this.#audit.get(path);
		return guessed === undefined
			? undefined
			: `audit: the model was sure this is ${guessed}; auto-accept would have taken it. Your key checks it.`;
	}

	/** Settles the work queued so far (tests). */
	async idle(): Promise<void> {
		await this.#queue;
	}

	async #run(): Promise<void> {
		const {store, guesses, auto, dir} = this.#options;
		if (this.#options.gridActive()) {
			return;
		}

		const state = store.getState();
		const candidates = gridCandidates(state, guesses, noPage, this.#options.setAside());
		const plan = auto.plan(state, candidates);
		if (plan.line !== this.#line) {
			this.#line = plan.line;
			this.#listeners.emit();
		}

		for (const path of plan.audit) {
			const guess = candidates.find((candidate) => candidate.path === path)?.guess;
			if (guess) this.#audit.set(path, guess.label);
		}

		// What is on screen is the person's to decide, audit or not.
		const accept = plan.accept.filter(({candidate}) => candidate.path !== state.cursor);
		if (accept.length > 0) {
			const time = new Date((this.#options.now ?? Date.now)()).toISOString();
			await journalAutoAccepts(store, dir, accept, auto.options.threshold, time);
		}
	}
}
