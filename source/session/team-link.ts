/**
Team labeling in a live session: the scan's items join the session hidden (`unclaimed`) and are
offered to the ledger's shared pool; the session keeps a batch of claimed items ahead of the cursor
(more while the grid is on screen: its page window, see wantAhead) and shows only those. Items the pool passes over (another labeler holds or decided them) are
marked `taken`; when they come back (a lapsed claim, a release) a later claim shows them. A person
alone on a folder claims everything in turn, so nothing changes for them.
*/
import {getEntry} from '../core/persistent-map.js';
import {catalogPosition, isOpen} from '../core/session-state.js';
import type {Ledger} from '../ledger/ledger.js';
import type {SessionStore} from './session-store.js';

export const claimBatch = 32;
/** Claims more while fewer than this many claimed items are still to do. */
const refillBelow = 16;
/** Looks again now and then: a killed labeler's items come back when its lease runs out. */
const recheckMs = 2000;

export type TeamLink = {
	/** After the scan added `paths` (hidden) to the session: offer them, then claim ahead. */
	offer(paths: readonly string[]): Promise<void>;
	/**
	How many claimed items to keep ahead while a view needs more than the single view's batch (the
	grid's page window), topped up as they are decided; 0: the single view's batch again.
	*/
	wantAhead(count: number): void;
	close(): void;
};

/**
`onProblem`: a claim failed (worded for a person; the link tries again on its own), or undefined
once a claim works again.
*/
export function linkTeam(
	ledger: Ledger,
	store: SessionStore,
	onProblem: (message: string | undefined) => void,
): TeamLink {
	/** Claimed items not decided when last looked at: what is left to do of the claims. */
	const toDo = new Set<string>();
	let running: Promise<void> | undefined;
	let closed = false;
	/** Catalog positions below this were offered to the pool. */
	let offeredBefore = 0;
	/** Positions below this are claimed or known taken: the pool has passed them. */
	let passedBefore = 0;
	/** Claimed items a view wants ahead (the grid's window); 0: the single view's refill. */
	let wanted = 0;

	const openToDo = (): number => {
		const state = store.getState();
		let count = 0;
		for (const path of toDo) {
			if (isOpen(state, path)) count++;
			else if (getEntry(state.skipped, path) === undefined) toDo.delete(path);
		}

		return count;
	};

	const claimNow = async (count: number): Promise<void> => {
		const got = await ledger.claim(count);
		if (closed) return;
		for (const path of got) toDo.add(path);
		if (got.length > 0) {
			await store.apply({type: 'elsewhere', paths: got, to: 'here'});
		}

		// Nothing claimable while offline says nothing about the others: wait for the database.
		if (got.length === 0 && !ledger.status().online) return;
		const state = store.getState();
		const end =
			got.length === 0
				? offeredBefore
				: got.reduce(
						(last, path) => Math.max(last, (catalogPosition(state.catalog, path) ?? -1) + 1),
						0,
					);
		// The pool hands items out in the scan's order: unclaimed ones it passed over are others'.
		const taken: string[] = [];
		for (let position = passedBefore; position < Math.min(end, offeredBefore); position++) {
			const path = state.catalog.paths[position] as string;
			if (getEntry(state.elsewhere, path) === 'unclaimed') taken.push(path);
		}

		passedBefore = Math.max(passedBefore, Math.min(end, offeredBefore));
		if (taken.length > 0) {
			await store.apply({type: 'elsewhere', paths: taken, to: 'taken'});
		}
	};

	const ensureAhead = (): void => {
		if (closed || running !== undefined) return;
		const open = openToDo();
		// A wanted window is topped up after every page; the single view refills in batches.
		if (wanted > 0 ? open >= wanted : open >= refillBelow) return;
		running = claimNow(wanted > 0 ? wanted - open : claimBatch)
			.then(
				() => onProblem(undefined),
				(error: unknown) => {
					const reason = error instanceof Error ? error.message : String(error);
					onProblem(
						`could not claim more images (trying again every ${recheckMs / 1000} s): ${reason}`,
					);
				},
			)
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
		wantAhead(count) {
			wanted = Math.max(0, Math.floor(count));
			ensureAhead();
		},
		close() {
			closed = true;
			clearInterval(timer);
			unsubscribe();
		},
	};
}
