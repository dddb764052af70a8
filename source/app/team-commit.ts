/**
The team's commit plan, read through the ledger: each user's records folded one user at a time
(only the folds stay in memory, not everyone's history), the votes merged into one consensus, and
the live claims, so the commit moves by final labels and never an item someone holds.
*/
import {type CommitHeld, teamCommitState, type UserFold} from '../core/agreement/commit-state.js';
import {consensusOf} from '../core/agreement/consensus.js';
import {type ItemVotes, userDecisions, votesOfUsers} from '../core/agreement/votes.js';
import {foldRecords} from '../core/fold.js';
import type {JournalRecord} from '../core/journal-record.js';
import {initialState, type SessionState} from '../core/session-state.js';
import type {LabelingMode, Ledger, UserJournal} from '../ledger/ledger.js';

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
/** Records held by the caller, read as a journal. */
const journalOf = (user: string, records: readonly JournalRecord[]): UserJournal => ({
	user,
	async forEachRecord(onRecord) {
		for (const record of records) onRecord(record);
	},
});

async function* eachUser(ledger: Ledger): AsyncGenerator<UserJournal> {
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
		yield journalOf(entry.user, entry.user === self ? own : entry.records);
	}

	if (!sawOwn && own.length > 0) {
		yield journalOf(self, own);
	}
}

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
	for await (const journal of eachUser(ledger)) {
		const own = journal.user === self ? options.store?.getState() : undefined;
		const decided = userDecisions(journal.user);
		// This user's fold is the session's state already: their records are counted, not kept.
		const records: JournalRecord[] = [];
		await journal.forEachRecord((record) => {
			decided.add(record);
			if (own === undefined) records.push(record);
		});
		const add = votesOfUsers([decided]);
		// The first journal's votes are all there is so far: taken as they are, not copied.
		if (votes.size === 0) {
			votes = add;
		} else {
			mergeVotes(votes, add);
		}

		const {decisions, moved} = own ?? foldRecords(initialState(classes), records).state;
		folds.push({user: journal.user, decisions, moved});
	}

	const consensus = consensusOf(votes, options.mode, {classes});
	const claims = await ledger.claims();
	return teamCommitState({classes, folds, consensus, claims, self});
}
