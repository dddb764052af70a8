/**
The team's commit plan, read through the ledger: each user's records folded one user at a time
(only the folds stay in memory, not everyone's history), the votes merged into one consensus, and
the live claims, so the commit moves by final labels and never an item someone holds.
*/
import {type CommitHeld, teamCommitState, type UserFold} from '../core/agreement/commit-state.js';
import {consensusOf} from '../core/agreement/consensus.js';
import {type ItemVotes, votesByItem} from '../core/agreement/votes.js';
import {foldRecords} from '../core/fold.js';
import {initialState, type SessionState} from '../core/session-state.js';
import type {LabelingMode, Ledger, UserRecords} from '../ledger/ledger.js';

export type TeamCommitPlan = {readonly state: SessionState; readonly held: CommitHeld};

/** Adds one user's votes (each user comes once) into `into`; the newest adjudication stands. */
function mergeVotes(into: Map<string, ItemVotes>, add: ReadonlyMap<string, ItemVotes>): void {
	for (const [path, item] of add) {
		const before = into.get(path);
		if (before === undefined) {
			into.set(path, item);
			continue;
		}

		const votes = new Map([...before.votes, ...item.votes]);
		const newer =
			item.adjudication !== undefined &&
			(before.adjudication === undefined || before.adjudication.time <= item.adjudication.time);
		const adjudication = newer ? item.adjudication : before.adjudication;
		into.set(path, {votes, ...(adjudication ? {adjudication} : {})});
	}
}

/** Every user's records, one user at a time where the ledger can stream them. */
async function* eachUser(ledger: Ledger): AsyncGenerator<UserRecords> {
	if (ledger.readEach) {
		yield* ledger.readEach();
		return;
	}

	// A database may not hold this user's newest records yet: their own journal has them.
	const self = ledger.user.normalize('NFC');
	const own = (await ledger.replay()).records;
	let sawOwn = false;
	for (const entry of await ledger.readAll()) {
		sawOwn ||= entry.user === self;
		yield entry.user === self ? {user: self, records: own} : entry;
	}

	if (!sawOwn && own.length > 0) {
		yield {user: self, records: own};
	}
}

/** The plan for a dataset open in this session (its ledger, mode and classes). */
export async function teamCommitPlan(options: {
	readonly ledger: Ledger;
	readonly mode: LabelingMode;
	readonly config: {readonly classes: readonly string[]};
	/**
	This user's session: its state is the fold of their own journal already, so their records are
	not folded a second time (100k decisions held twice, at 100k files).
	*/
	readonly store?: {getState(): SessionState};
}): Promise<TeamCommitPlan> {
	const {ledger} = options;
	const {classes} = options.config;
	const self = ledger.user.normalize('NFC');
	let votes = new Map<string, ItemVotes>();
	const folds: UserFold[] = [];
	for await (const entry of eachUser(ledger)) {
		const add = votesByItem([entry]);
		// The first journal's votes are all there is so far: taken as they are, not copied.
		if (votes.size === 0) {
			votes = add;
		} else {
			mergeVotes(votes, add);
		}

		const own = entry.user === self ? options.store?.getState() : undefined;
		const {decisions, moved} = own ?? foldRecords(initialState(classes), entry.records).state;
		folds.push({user: entry.user, decisions, moved});
	}

	const consensus = consensusOf(votes, options.mode, {classes});
	const claims = await ledger.claims();
	return teamCommitState({classes, folds, consensus, claims, self});
}
