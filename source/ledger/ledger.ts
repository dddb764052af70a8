/**
The port where decisions live. Every backend (the per-user journal files on one box, PostgreSQL for
a team across machines) is an adapter behind this one interface, and one contract test suite
(`tests/ledger/contract.ts`) runs on each. Nothing above the ledger knows which adapter runs.
*/
import type {JournalRecord} from '../core/journal-record.js';

/** Exclusive: every item is decided by one person. Overlap: by `votes` different people. */
export type LabelingMode =
	| {readonly kind: 'exclusive'}
	| {readonly kind: 'overlap'; readonly votes: number};

export type LedgerOptions = {
	/** Absolute dataset folder (or the local state folder of a remote source). */
	readonly dataset: string;
	/** Whose decisions these are; one writing session per user at a time. */
	readonly user: string;
	readonly mode: LabelingMode;
	/** What the session does, so a refused start is told (default label). */
	readonly purpose?: 'label' | 'commit';
	/** How a shared backend names the dataset (default `dataset`): an S3 source's s3:// URL. */
	readonly key?: string;
	/** How long a claim lives without renewal, in ms (default 60 s). */
	readonly leaseMs?: number;
};

export type LedgerReplay = {
	/** This user's records, in append order. */
	readonly records: readonly JournalRecord[];
	/** Lines or rows that could not be used, each `line N (reason)`, in order. */
	readonly problems: readonly {readonly line: number; readonly reason: string}[];
	/** Worded for a person: a torn last line set aside by a crash, and where it went. */
	readonly warnings: readonly string[];
	/** The 1-based place of record `index` in its source (journal line), for messages. */
	lineOf(index: number): number;
};

/** One user's records, as read by anyone: for status, consensus and export. */
export type UserRecords = {readonly user: string; readonly records: readonly JournalRecord[]};

/** One user's journal, read a record at a time, in order. */
export type UserJournal = {
	readonly user: string;
	forEachRecord(onRecord: (record: JournalRecord) => void): Promise<void>;
};

/** User to the items they hold under a live lease, each list in path order. */
export type ClaimsByUser = ReadonlyMap<string, readonly string[]>;

export type LedgerChange = {readonly user: string; readonly records: readonly JournalRecord[]};

/**
Whether records reach the shared place. Offline, appends still land in the local journal and are
sent when the shared place is back; `pending` counts those not sent yet.
*/
export type LedgerStatus = {
	readonly online: boolean;
	readonly pending: number;
	/** Why it is offline, already worded for a person (never holds a password). */
	readonly reason?: string;
	/**
	Decisions of this session the shared place refused, since the item was taken by someone else
	first (sent late: offline past the lease, or left unsent by a killed session). They stay in the
	local journal; the item counts the other person's decision. `refusedNote` says the latest.
	*/
	readonly refused?: number;
	readonly refusedNote?: string;
};

export type Ledger = {
	readonly user: string;
	/** The machine this session runs on, for the session record and lock messages. */
	readonly host: string;
	/** Where decisions live, for messages: a path, or a database URL without its password. */
	readonly where: string;
	/** Reads back this user's records (the fold turns them into state). */
	replay(): Promise<LedgerReplay>;
	/**
	Appends one record, in call order (a seq already appended is not stored twice). Resolves once
	the record is written where a crash of this process cannot lose it; `flush` makes it survive a
	power cut too (the files adapter fsyncs within a second on its own).
	*/
	append(record: JournalRecord): Promise<void>;
	/**
	Appends many records at once, in order (an import's batch): one write where the adapter can.
	Optional: without it, callers append one by one.
	*/
	appendMany?(records: readonly JournalRecord[]): Promise<void>;
	/** Makes every appended record durable now (and, with a database, stored there if it is up). */
	flush(): Promise<void>;
	/** Every user's records, for status, consensus and export. */
	readAll(): Promise<readonly UserRecords[]>;
	/**
	The same, one user at a time and one record at a time, so a caller that folds each user's records
	never holds everyone's history at once, nor one whole journal (a commit counts its own user's
	votes). Optional: without it, callers use `readAll`.
	*/
	readEach?(): AsyncIterable<UserJournal>;
	/** Adds items to the shared pool (idempotent; the scan calls it as it finds files). */
	offer(paths: readonly string[]): Promise<void>;
	/**
	Claims up to `count` items of the pool for this user, with a lease: in exclusive mode items
	that nobody decided and nobody else holds; in overlap mode items with fewer votes than asked
	that this user has not voted on. Items come in the order offered. Offline, resolves with []
	(see `status()`): the session labels what it holds. Leases are renewed while the ledger is open.
	*/
	claim(count: number): Promise<readonly string[]>;
	/**
	Every user's live claims: per user, the items held under a lease that has not run out (a
	decided item stays claimed until released or its lease lapses). Users holding nothing are left
	out. For the manager's view and for commit, which never moves a claimed item.
	*/
	claims(): Promise<ClaimsByUser>;
	/** Gives items back to the pool (skipped, or the session ends). */
	release(paths: readonly string[]): Promise<void>;
	/** Calls back with other users' records appended after open; returns the unsubscribe function. */
	watch(listener: (change: LedgerChange) => void): () => void;
	/** Now: online or not, records waiting to be sent. */
	status(): LedgerStatus;
	/** Calls back when the status changes; returns the unsubscribe function. */
	onStatus(listener: (status: LedgerStatus) => void): () => void;
	/** Flushes, releases claims and the user's lock. Safe to call twice. */
	close(): Promise<void>;
};

export type OpenLedger = (options: LedgerOptions) => Promise<Ledger>;
