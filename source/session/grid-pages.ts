import {statSync} from 'node:fs';
import path from 'node:path';
import {openWindow} from '../core/grid/candidate-window.js';
import {type Candidate, type GridPage, pageHeader} from '../core/grid/grid-page.js';
import {
	type GridState,
	gridTransition,
	type PageDecision,
	resumedGridState,
} from '../core/grid/grid-reducer.js';
import {pageDecisionActions} from '../core/grid/page-actions.js';
import type {ItemStat} from '../core/journal-record.js';
import {entries} from '../core/persistent-map.js';
import type {SessionAction} from '../core/session-reducer.js';
import {decisionOf, type SessionState} from '../core/session-state.js';
import type {GridSnapshot} from './grid-contract.js';
import type {GuessLink} from './guess-link.js';
import {movedWithUndo} from './hygiene-intents.js';
import {composeMessage, type ScreenMessage} from './notices.js';
import type {SessionStore} from './session-store.js';

/** How many open items (ahead of the cursor, in scan order) pages are drawn from. */
const windowFor = (pageSize: number) => Math.max(60, pageSize * 4);

/**
How many open items ahead are guessed: the page window and as much again, so guesses made while the
person looks at a page are banked for the pages after it (a page of one class may need twice its
size in items, and guessing is slower than a person under load).
*/
const guessAheadFor = (pageSize: number) => windowFor(pageSize) * 2;

/**
Claimed items a team session keeps ahead while the grid is on screen: as far as it guesses ahead,
twice the window (192 at 24 cells). The two pages after Enter come from the window as it will be
then, two pages further on (144 open items at 24 cells); fewer leave pages part-full and the pages
after them unknown. Not hoarding: about 8 pages, a few minutes of grid work; teammates claim the
rest of the pool meanwhile, and a labeler who leaves gives them back when the lease lapses (60 s).
*/
export const claimAheadFor = guessAheadFor;

/** The open items of the window, `exclude` left out, that have a ready guess of one of the classes. */
function candidatesIn(
	state: SessionState,
	guesses: GuessLink,
	pageSize: number,
	exclude: ReadonlySet<string>,
): Candidate[] {
	const {classes} = state;
	const candidates: Candidate[] = [];
	for (const itemPath of openWindow(state, windowFor(pageSize), exclude)) {
		const guess = guesses.current(itemPath);
		if (guess && classes.includes(guess.label)) {
			const other = classes.length === 2 ? classes.find((name) => name !== guess.label) : undefined;
			candidates.push({
				path: itemPath,
				guess,
				...(other === undefined
					? {}
					: {second: {label: other, probability: 1 - guess.confidence, only: true as const}}),
			});
		}
	}

	return candidates;
}

/**
The undecided items near the cursor with a ready guess of one of the classes; guesses for the rest
of the window are requested. With two classes the runner-up is the other class, and the only one.
*/
export function gridCandidates(
	state: SessionState,
	guesses: GuessLink,
	pageSize: number,
	setAside: ReadonlySet<string>,
): Candidate[] {
	// Guesses run ahead of the grid: the window's first three pages (this one and the two after it)
	// before any other guess still waiting, then further ahead while the worker has nothing else.
	const ahead = openWindow(
		state,
		pageSize > 0 ? guessAheadFor(pageSize) : windowFor(pageSize),
		setAside,
	);
	guesses.requestMany(ahead, pageSize * 3);
	return candidatesIn(state, guesses, pageSize, setAside);
}

/**
Whether a new page should wait: it would not be full, and guesses near the cursor are still being
made. Opening early would put the first guesses to arrive on the page, not the surest ones.
*/
export function pageShouldWait(
	state: SessionState,
	guesses: GuessLink,
	pageSize: number,
	setAside: ReadonlySet<string>,
	candidates: number,
): boolean {
	return (
		candidates < pageSize &&
		openWindow(state, windowFor(pageSize), setAside).some((itemPath) => guesses.isPending(itemPath))
	);
}

/** True when the page has room for more cells and should take them now (not wait for guesses). */
export function pageHasRoom(
	state: SessionState,
	guesses: GuessLink,
	grid: Pick<GridState, 'page' | 'setAside'>,
	pageSize: number,
	candidates: number,
): boolean {
	const {page, setAside} = grid;
	return (
		(page?.cells.length ?? 0) < pageSize &&
		!(page === undefined && pageShouldWait(state, guesses, pageSize, setAside, candidates))
	);
}

/**
The items of the next two pages, as they will be after Enter on the open page (as marked now): its
decided items leave the window, which reaches further on, so items beyond today's window can join.
With no page open, the page to open and the one after it.
*/
export function nextPagesPaths(
	state: SessionState,
	guesses: GuessLink,
	grid: GridState,
	pageSize: number,
): string[] {
	const decided = new Set<string>();
	const upcoming: string[] = [];
	for (let page = 0; page < 2; page++) {
		const accepted = gridTransition(grid, {type: 'accept-page'});
		for (const decision of accepted?.effect?.kind === 'decide' ? accepted.effect.decisions : []) {
			decided.add(decision.path);
		}

		const after = accepted?.state ?? grid;
		const exclude = new Set([...after.setAside, ...decided]);
		const opened = gridTransition(after, {
			type: 'open-page',
			candidates: candidatesIn(state, guesses, pageSize, exclude),
			size: pageSize,
		});
		if (!opened?.state.page) {
			break;
		}

		grid = opened.state;
		upcoming.push(...opened.state.page.cells.map((cell) => cell.path));
	}

	return upcoming;
}

/**
Size and mtime of each file now, for the journal; a file that is gone is left out. Synchronous on
purpose: a page's files were stat'd at load seconds ago (cached metadata, microseconds each), while
an async stat waits for the thread pool behind the next pages' image decodes (tens of ms).
*/
export function statsOf(dir: string, paths: readonly string[]): Map<string, ItemStat> {
	const found = new Map<string, ItemStat>();
	for (const itemPath of paths) {
		try {
			const info = statSync(path.join(dir, itemPath));
			found.set(itemPath, {path: itemPath, size: info.size, mtimeMs: info.mtimeMs});
		} catch {
			// Gone (deleted or moved by another program): left out, the caller says so.
		}
	}

	return found;
}

/** One decision of an accepted page, to know the store's notice that carries the page. */
export type AppliedMark = {readonly path: string; readonly time: string};

/**
An accepted page's decide actions, with each file's size and mtime; `gone`: files no longer there,
left out; `mark`: its last decision.
*/
export function acceptedActions(
	dir: string,
	effect: {readonly decisions: readonly PageDecision[]},
	time: string,
	pageMs: number,
): {actions: SessionAction[]; gone: number; mark: AppliedMark | undefined} {
	const found = statsOf(
		dir,
		effect.decisions.map((decision) => decision.path),
	);
	const actions = pageDecisionActions(effect.decisions, (p) => found.get(p), time, pageMs);
	const last = actions.at(-1);
	const mark = last && 'item' in last ? {path: last.item.path, time} : undefined;
	return {actions, gone: effect.decisions.length - actions.length, mark};
}

/** True when `state` holds the marked decision: the page it belongs to has been applied. */
export function carries(state: SessionState, mark: AppliedMark | undefined): boolean {
	return mark !== undefined && decisionOf(state, mark.path)?.time === mark.time;
}

/** Undoes a page's decisions, newest first, moving committed files back before each undo. */
export async function undoSteps(
	store: SessionStore,
	restore: (path: string, movedTo: string) => Promise<void>,
	targets: readonly number[],
	now: () => number,
): Promise<void> {
	for (const target of targets) {
		const state = store.getState();
		const entry = state.history?.top;
		if (entry?.seq !== target) {
			return;
		}

		for (const [movedPath, movedTo] of movedWithUndo(state, entry.path)) {
			await restore(movedPath, movedTo);
		}

		await store.apply({type: 'undo', time: new Date(now()).toISOString(), target});
	}
}

/** True when the screen shows something else: guesses arrive often, and most change nothing. */
export function snapshotChanged(last: GridSnapshot, next: GridSnapshot): boolean {
	return (
		next.header !== last.header ||
		next.cells !== last.cells ||
		next.message?.text !== last.message?.text ||
		next.auto !== last.auto
	);
}

/** The snapshot with lasting conditions (offline, claims failing) beside its message. */
export function withNotices(
	snapshot: GridSnapshot,
	notices: readonly ScreenMessage[],
): GridSnapshot {
	return notices.length === 0
		? snapshot
		: {...snapshot, message: composeMessage(snapshot.message, notices)};
}

/** What the screen says when some of a page's files were gone at Enter. */
export const goneText = (count: number) =>
	`${count} files were gone (deleted or moved by another program) and are left undecided.`;

const noCells: GridSnapshot['cells'] = [];

/** What the grid screen shows; with no page open, why. */
export function gridSnapshotOf(
	page: GridPage | undefined,
	message: GridSnapshot['message'],
	auto: string | undefined,
	guessesEnabled: boolean,
): GridSnapshot {
	const empty = page
		? undefined
		: {
				kind: 'info' as const,
				text: guessesEnabled
					? 'No guesses ready for a page yet, or none left: g switches to the single view.'
					: 'The grid needs guesses (--guess): g switches to the single view.',
			};
	return {
		header: page ? pageHeader(page) : undefined,
		cells: page?.cells ?? noCells,
		message: message ?? empty,
		auto,
	};
}

/** `grid` with its page numbers going on from the highest in the session's decisions. */
export function withResumedPages(grid: GridState, state: SessionState): GridState {
	const {pagesMade} = resumedGridState(entries(state.decisions));
	return {...grid, pagesMade: Math.max(grid.pagesMade, pagesMade)};
}
