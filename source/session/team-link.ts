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

	const openHeld = (): number => {
		const state = store.getState();
		let count = 0;
		for (const path of held) {
			if (isOpen(state, path)) count++;
			// Decided: done with it. Skipped: still ours, it comes back at the end.
			else if (!hasEntry(state.skipped, path)) held.delete(path);
		}

		return count;
	};

	const claimNow = async (): Promise<void> => {
		const got = await ledger.claim(claimBatch);
		if (closed) return;
		const state = store.getState();
		const back = got.filter((path) => hasEntry(state.elsewhere, path));
		for (const path of got) held.add(path);
		if (back.length > 0) {
			await store.apply({type: 'elsewhere', paths: back, taken: false});
		}

		// Nothing claimable while offline says nothing about the others: wait for the database.
		if (got.length === 0 && !ledger.status().online) return;
		const taken = skippedOver(store, held, got, offeredBefore);
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

/**
The open items the pool passed over: before the last item it gave (or anywhere, when it gave
none), not held by this session. The pool hands items out in the scan's order, so those are
another labeler's.
*/
function skippedOver(
	store: SessionStore,
	held: ReadonlySet<string>,
	got: readonly string[],
	offeredBefore: number,
) {
	const state = store.getState();
	const {paths} = state.catalog;
	const length = Math.min(state.catalog.length, offeredBefore);
	const lastGiven = got.reduce(
		(last, path) => Math.max(last, catalogPosition(state.catalog, path) ?? -1),
		got.length === 0 ? length - 1 : -1,
	);
	const taken: string[] = [];
	for (let position = state.lowWater; position <= lastGiven && position < length; position++) {
		const path = paths[position] as string;
		if (!held.has(path) && isOpen(state, path)) taken.push(path);
	}

	return taken;
}
