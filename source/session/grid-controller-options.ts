import type {AutoAccept} from './grid-auto.js';
import type {GridPaint} from './grid-paint.js';
import type {GuessLink} from './guess-link.js';
import type {Notices} from './notices.js';
import type {SessionStore} from './session-store.js';

export type GridControllerOptions = {
	readonly dir: string;
	readonly store: SessionStore;
	readonly guesses: GuessLink;
	readonly paint: GridPaint;
	/** Moves a committed file back before its decision is undone. */
	readonly restore: (path: string, movedTo: string) => Promise<void>;
	readonly auto?: AutoAccept | undefined;
	/** How many open items the session should hold ahead for the grid (a team's claims); 0: hidden. */
	readonly wantAhead?: (count: number) => void;
	/** Lasting conditions (offline, claims failing), shown beside the message until they end. */
	readonly notices?: Notices;
	readonly now?: () => number;
};
