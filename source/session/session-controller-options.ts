import type {DecisionOrigin} from '../core/decision-origin.js';
import type {GuessLink} from './guess-link.js';
import type {HygieneLink} from './hygiene-link.js';
import type {ItemView} from './item-view.js';
import type {Notices} from './notices.js';
import type {SessionStore} from './session-store.js';
import type {ViewExtras} from './snapshot.js';

export type CommitOutcome = {readonly summary: string; readonly ok: boolean};

export type LabelControllerOptions = {
	readonly dir: string;
	readonly store: SessionStore;
	readonly view: ItemView;
	/** Moves decided files now; never throws (failures are in the summary). */
	readonly commit: () => Promise<CommitOutcome>;
	/** Moves a committed file back before its decision is undone. */
	readonly restore: (path: string, movedTo: string) => Promise<void>;
	readonly commitOnExit: boolean;
	readonly guessHint: string;
	/** The guess source's link; without one, the slot shows `guessHint`. */
	readonly guesses?: GuessLink;
	/** The background checks: broken files, exact and near copies. */
	readonly hygiene?: HygieneLink;
	/** Adjudication: the votes on an image, shown beside it. */
	readonly adjudication?: (path: string) => ViewExtras['adjudication'];
	readonly initialMessage?: ViewExtras['message'];
	/** Lasting conditions (offline, claims failing), shown beside the message until they end. */
	readonly notices?: Notices;
	/** Auto-accept's audit in this view: the origin a decision gets, the flag an item shows. */
	readonly audit?: {
		originOf(path: string): DecisionOrigin | undefined;
		noteOf(path: string | undefined): string | undefined;
		/** What auto-accept did, or why it waits or stopped: shown under the message. */
		readonly line?: string | undefined;
		onChange?(listener: () => void): () => void;
	};
	readonly prefetchAhead?: number;
	readonly now?: () => number;
};
