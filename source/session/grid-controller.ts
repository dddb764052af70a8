import {assertNever} from '../core/assert-never.js';
import type {Candidate} from '../core/grid/grid-page.js';
import {
	type GridAction,
	type GridState,
	gridTransition,
	initialGridState,
} from '../core/grid/grid-reducer.js';
import type {GridCellBox} from '../render/grid-layout.js';
import {Listeners} from '../shared/listeners.js';
import {autoAcceptBeforeFill} from './grid-auto.js';
import type {
	GridScreenController,
	GridSnapshot,
	GridControllerIntent as Intent,
} from './grid-contract.js';
import type {GridControllerOptions} from './grid-controller-options.js';
import * as pages from './grid-pages.js';

/**
The grid's side of a labeling session: builds pages from the guesses, turns cell keys and Enter
into journaled decisions (one record per cell, origin `grid`), undoes a page whole, auto-accepts
when asked to, and paints the thumbnails. Works only while the grid is on screen (SingleAuto then).
*/
export class GridController implements GridScreenController {
	readonly #options: GridControllerOptions;
	readonly #listeners = new Listeners();
	#grid: GridState;
	#resumed = false;
	#pageSize = 0;
	#queue: Promise<void> = Promise.resolve();
	#busy = false;
	#openScheduled = false;
	/** Set while an accepted page's decisions are applied: the next page opens in the same update. */
	#openOnApplied: pages.AppliedMark | undefined;
	#shownAt = 0;
	#message: GridSnapshot['message'];
	#autoLine: string | undefined;
	#snapshot: GridSnapshot;

	constructor(options: GridControllerOptions) {
		this.#options = options;
		this.#grid = initialGridState;
		this.#snapshot = this.#build();
		options.store.subscribe(() => this.#stored());
		options.guesses.onChange(() => this.#refresh());
		options.notices?.onChange(() => this.#emit());
	}

	subscribe(listener: () => void): () => void {
		return this.#listeners.add(listener);
	}

	getSnapshot(): GridSnapshot {
		return this.#snapshot;
	}

	get active(): boolean {
		return this.#pageSize > 0;
	}

	/** Items marked wrong on a page, back in the single view's queue. */ get setAside(): ReadonlySet<string> {
		return this.#grid.setAside;
	}

	setCells(cells: readonly GridCellBox[]): void {
		this.#pageSize = cells.length;
		if (cells.length > 0 && !this.#resumed) {
			// Page numbers go on from the journal's highest: looked up when the grid is first shown, not
			// at start-up, where the pass over every decision of a resumed 100k snapshot took 100 ms.
			this.#resumed = true;
			this.#grid = pages.withResumedPages(this.#grid, this.#options.store.getState());
		}

		this.#options.guesses.gridShown(cells.length > 0);
		this.#options.wantAhead?.(cells.length > 0 ? pages.claimAheadFor(cells.length) : 0);
		this.#options.paint.setBoxes(cells);
		if (cells.length > 0) {
			this.#dispatch({type: 'resize', size: cells.length});
			this.#refresh();
		}
	}

	intent(intent: Intent): void {
		this.#queue = this.#queue.then(async () => this.#handle(intent)).catch(this.#sayError);
	}

	async #handle(intent: Intent): Promise<void> {
		if (!this.active) {
			return;
		}

		switch (intent.action) {
			case 'cell': {
				this.#dispatch({type: 'cell', cell: intent.cell});
				return;
			}

			case 'set-class': {
				const label = this.#options.store.getState().classes[intent.classIndex];
				if (label !== undefined) {
					this.#dispatch({type: 'set-class', label});
				}

				return;
			}

			case 'accept-page':
				return this.#accept();
			case 'undo-page':
				return this.#undo();

			default: {
				return assertNever(intent);
			}
		}
	}

	async #accept(): Promise<void> {
		const accepted = gridTransition(this.#grid, {type: 'accept-page'});
		if (accepted?.effect?.kind !== 'decide') {
			return;
		}

		this.#busy = true;
		try {
			const now = this.#now();
			this.#grid = accepted.state;
			const at = new Date(now).toISOString();
			const {dir} = this.#options;
			const page = pages.acceptedActions(dir, accepted.effect, at, now - this.#shownAt);
			this.#message = page.gone > 0 ? {kind: 'error', text: pages.goneText(page.gone)} : undefined;
			this.#openOnApplied = this.#options.auto === undefined ? page.mark : undefined;
			await this.#options.store.applyAll(page.actions);
		} finally {
			this.#busy = false;
			this.#openOnApplied = undefined;
		}

		this.#refresh();
	}

	async #undo(): Promise<void> {
		const {store, restore} = this.#options;
		const undone = gridTransition(this.#grid, {type: 'undo-page', session: store.getState()});
		if (undone?.effect?.kind !== 'undo') {
			this.#say('info', 'Nothing to undo.');
			return;
		}

		this.#busy = true;
		try {
			await pages.undoSteps(store, restore, undone.effect.targets, () => this.#now());
		} finally {
			// The page comes back once all of its undos are journaled.
			this.#grid = undone.state;
			this.#busy = false;
		}

		this.#shownAt = this.#now();
		this.#message = undefined;
		this.#emit();
	}

	/**
	An accepted page's successor opens in the store's notice that carries the page (a team's records
	may come first): one Ink render (2–8 ms) for counts and page, not two. Not with auto-accept.
	*/
	#stored(): void {
		if (!pages.carries(this.#options.store.getState(), this.#openOnApplied)) {
			this.#refresh();
			return;
		}

		this.#openOnApplied = undefined;
		this.#fillNow(this.#candidates());
	}

	/** The store or the guesses changed: fill the page if there is room, once per turn. */
	#refresh(): void {
		if (this.#busy) {
			// Mid-page (accept, undo): the screen changes once, when the step is done.
			return;
		}

		if (!this.active || this.#openScheduled) {
			this.#emit();
			return;
		}

		this.#openScheduled = true;
		this.#queue = this.#queue
			.then(async () => {
				this.#openScheduled = false;
				await this.#fill();
			})
			.catch(this.#sayError);
	}

	/** Opens or tops up the page, auto-accepting first when asked to; then prepares what follows. */
	async #fill(): Promise<void> {
		const {auto} = this.#options;
		const candidates = this.#candidates();
		if (!auto || !this.#hasRoom(candidates)) {
			this.#fillNow(candidates);
			return;
		}

		const {page} = this.#grid;
		const current = () => this.#candidates();
		const routed = await autoAcceptBeforeFill(auto, this.#options, page, candidates, current);
		this.#autoLine = routed.line;
		this.#fillNow(routed.candidates, routed.audit, true);
	}

	#candidates(): Candidate[] {
		const {store, guesses} = this.#options;
		return pages.gridCandidates(store.getState(), guesses, this.#pageSize, this.#grid.setAside);
	}

	#hasRoom({length}: readonly Candidate[]): boolean {
		const {store, guesses} = this.#options;
		const state = store.getState();
		return this.active && pages.pageHasRoom(state, guesses, this.#grid, this.#pageSize, length);
	}

	#fillNow(candidates: Candidate[], audit?: ReadonlySet<string>, open = this.#hasRoom(candidates)) {
		const {page} = this.#grid;
		if (open) {
			const size = this.#pageSize;
			this.#dispatch({type: 'open-page', candidates, size, audit: audit ?? new Set()});
			this.#shownAt = !page && this.#grid.page ? this.#now() : this.#shownAt;
		}

		if (this.active) {
			// Guesses keep arriving while a page is on screen: the next pages are known better each time.
			const {store, guesses} = this.#options;
			const upcoming = pages.nextPagesPaths(store.getState(), guesses, this.#grid, this.#pageSize);
			this.#options.paint.prefetch(upcoming);
		}

		this.#emit();
	}

	#dispatch(action: GridAction): void {
		const next = gridTransition(this.#grid, action);
		if (next) {
			this.#grid = next.state;
			this.#emit();
		}
	}

	readonly #sayError = (error: unknown) => {
		this.#say('error', error instanceof Error ? error.message : String(error));
	};

	#say(kind: 'info' | 'error', text: string): void {
		this.#message = {kind, text};
		this.#emit();
	}

	/** Repaints, and re-renders the screen only when what it shows changed (guesses arrive often). */
	#emit(): void {
		const next = this.#build();
		if (this.active) {
			this.#options.paint.show(this.#grid.page?.cells ?? []);
		}

		if (pages.snapshotChanged(this.#snapshot, next)) {
			this.#snapshot = next;
			this.#listeners.emit();
		}
	}

	#build(): GridSnapshot {
		const {auto, guesses, notices} = this.#options;
		const snapshot = pages.gridSnapshotOf(
			this.#grid.page,
			this.#message,
			auto ? this.#autoLine : undefined,
			guesses.enabled,
		);
		return pages.withNotices(snapshot, notices?.all ?? []);
	}

	#now(): number {
		return (this.#options.now ?? Date.now)();
	}
}
