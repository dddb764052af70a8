/**
Team labeling in a live session: the scan's items are offered to the ledger's shared pool, and the
session keeps a batch of claimed items ahead of the cursor. Items the pool skips over (another
labeler holds or decided them) leave this session's queue; when they come back (a lapsed claim, a
release) they join it again. A person alone on a folder claims everything in turn, so nothing
changes for them.
*/
import {hasEntry} from '../core/persistent-map.js';
import {catalogPosition, isOpen} from '../core/session-state.js';
import type {Ledger} from '../ledger/ledger.js';
import type {SessionStore} from './session-store.js';

export const claimBatch = 32;
/** Claims more while fewer than this many claimed items are still to do. */
const refillBelow = 16;
/** Looks again now and then: a killed labeler's items come back when its lease runs out. */
const recheckMs = 2000;

export type TeamLink = {
	/** After the scan added `paths` to the session: offer them, then claim ahead. */
	offer(paths: readonly string[]): Promise<void>;
	close(): void;
};

export function linkTeam(ledger: Ledger, store: SessionStore): TeamLink {
	const held = new Set<string>();
	let running: Promise<void> | undefined;
	let closed = false;
	/** Catalog positions below this were offered: only those can have been passed over. */
	let offeredBefore = 0;

	/** Held items not decided when last looked at: what is left to do of the claims. */
	const toDo = new Set<string>();
	const openHeld = (): number => {
		const state = store.getState();
		let count = 0;
		for (const path of toDo) {
			if (isOpen(state, path)) count++;
			// Decided: done with it. Skipped: still ours, it comes back at the end.
			else if (!hasEntry(state.skipped, path)) toDo.delete(path);
		}

		return count;
	};

	const claimNow = async (): Promise<void> => {
		// Only items open before the claim can have been passed over: one reopened or undone
		// meanwhile is this person's own.
		const before = new Set(unheldOpen(store, held, offeredBefore));
		const got = await ledger.claim(claimBatch);
		if (closed) return;
		const state = store.getState();
		const back = got.filter((path) => hasEntry(state.elsewhere, path));
		for (const path of got) {
			// Held for good: a decision reopened later (undo, a changed file) is still this person's.
			held.add(path);
			toDo.add(path);
		}
		if (back.length > 0) {
			await store.apply({type: 'elsewhere', paths: back, taken: false});
		}

		// Nothing claimable while offline says nothing about the others: wait for the database.
		if (got.length === 0 && !ledger.status().online) return;
		const given = new Set(got);
		const lastGiven = lastPosition(store, got, offeredBefore);
		const taken = unheldOpen(store, held, lastGiven + 1).filter(
			(path) => before.has(path) && !given.has(path),
		);
		if (taken.length > 0) {
			await store.apply({type: 'elsewhere', paths: taken, taken: true});
		}
	};

	const ensureAhead = (): void => {
		if (closed || running !== undefined || openHeld() >= refillBelow) return;
		running = claimNow()
			.catch(() => undefined)
			.finally(() => {
				running = undefined;
			});
	};

	const unsubscribe = store.subscribe(() => ensureAhead());
	const timer = setInterval(ensureAhead, recheckMs);
	timer.unref();
	return {
		async offer(paths) {
			await ledger.offer(paths);
			const {catalog} = store.getState();
			for (const path of paths) {
				offeredBefore = Math.max(offeredBefore, (catalogPosition(catalog, path) ?? -1) + 1);
			}

			await running;
			ensureAhead();
			await running;
		},
		close() {
			closed = true;
			clearInterval(timer);
			unsubscribe();
		},
	};
}

/** The last catalog position the pool gave, or (none given) the last one offered. */
function lastPosition(store: SessionStore, got: readonly string[], offeredBefore: number): number {
	const {catalog} = store.getState();
	if (got.length === 0) return offeredBefore - 1;
	return got.reduce((last, path) => Math.max(last, catalogPosition(catalog, path) ?? -1), -1);
}

/**
The open items not held here, from the low-water mark up to `before`: the pool hands items out in
the scan's order, so the ones it passed over are another labeler's.
*/
function unheldOpen(store: SessionStore, held: ReadonlySet<string>, before: number): string[] {
	const state = store.getState();
	const {paths} = state.catalog;
	const end = Math.min(state.catalog.length, before);
	const found: string[] = [];
	for (let position = state.lowWater; position < end; position++) {
		const path = paths[position] as string;
		if (!held.has(path) && isOpen(state, path)) found.push(path);
	}

	return found;
}
