import type {ImportNote} from './import-note.js';

export type {ImportNote} from './import-note.js';

/**
Journal records: one JSON object per line in `.labels/journal/<user>.jsonl`.
The journal is the only source of truth for decisions; state is a fold of these records.
*/
import type {DecisionOrigin} from './decision-origin.js';

export type {DecisionOrigin} from './decision-origin.js';

export {journalVersion} from './journal-version.js';

type RecordBase = {
	/** Format version. */
	readonly v: 1;
	/** Strictly increasing within one journal. */
	readonly seq: number;
	/** ISO 8601 time of the record. */
	readonly time: string;
};

export type ItemStat = {
	/** Path relative to the dataset folder, with `/` separators. */
	readonly path: string;
	readonly size: number;
	readonly mtimeMs: number;
	/**
	Status-change time and inode (added later; absent in older journals): a file replaced in place
	with the same size and mtime still gets a new ctime, and a renamed-over one a new inode.
	*/
	readonly ctimeMs?: number;
	readonly ino?: number;
};

/** The file identity fields of an item, optional ones only when present. */
export function fileIdentity(stat: Omit<ItemStat, 'path'>): Omit<ItemStat, 'path'> {
	const {size, mtimeMs, ctimeMs, ino} = stat;
	return {
		size,
		mtimeMs,
		...(ctimeMs === undefined ? {} : {ctimeMs}),
		...(ino === undefined ? {} : {ino}),
	};
}

export type Guess = {
	readonly label: string;
	readonly confidence: number;
	readonly source: string;
};

export type DecideRecord = RecordBase &
	ItemStat & {
		readonly op: 'decide';
		readonly label: string;
		/** Milliseconds the image was on screen before the decision. */
		readonly ms: number;
		/** `key` for a class key, `guess` when the model's guess was accepted, `import` from a file. */
		readonly via: 'key' | 'guess' | 'import';
		readonly guess?: Guess;
		readonly imported?: ImportNote; // only with via 'import'
		/**
		A grid page or the auto-accept policy (an object), or `adjudicated` when an adjudicator settled
		a contested item (final, whatever the votes say); absent for the single view.
		*/
		readonly origin?: DecisionOrigin | 'adjudicated';
	};

export type SkipRecord = RecordBase &
	ItemStat & {
		readonly op: 'skip';
		readonly ms: number;
	};

export type UndoRecord = RecordBase & {
	readonly op: 'undo';
	readonly path: string;
	/** The seq of the decide or skip record this undoes. */
	readonly target: number;
};

export type MovedRecord = RecordBase & {
	readonly op: 'moved';
	readonly path: string;
	/** Where the file went, relative to the dataset folder when inside it, else absolute. */
	readonly to: string;
	readonly label: string;
};

export type RestoredRecord = RecordBase & {
	readonly op: 'restored';
	readonly path: string;
	/** Where the file was before it was moved back to `path`. */
	readonly from: string;
};

/** An item set aside as not a usable image (found by the hygiene feed); never shown. */
export type BrokenRecord = RecordBase &
	ItemStat & {
		readonly op: 'broken';
		/** A stable code from the check (`truncated`, `corrupt`, …). */
		readonly reason: string;
		/** What is wrong, in a few words. */
		readonly detail: string;
	};

/** An exact copy (same SHA-1) of `of`, decided with `of`'s label; undone with `of`'s decision. */
export type CopyRecord = RecordBase &
	ItemStat & {
		readonly op: 'copy';
		readonly of: string;
		readonly label: string;
	};

export type ReopenReason = 'changed' | 'missing';

/**
A decision set aside by a commit, since its file changed or vanished after it was decided: the
item is undecided again (and no longer skipped). Written by the commit, never by a key.
*/
export type ReopenRecord = RecordBase & {
	readonly op: 'reopen';
	readonly path: string;
	readonly reason: ReopenReason;
	/** The file's size and mtime when the commit found it changed; absent when it is missing. */
	readonly size?: number;
	readonly mtimeMs?: number;
};

export type SessionRecord = RecordBase & {
	readonly op: 'session';
	readonly user: string;
	readonly host: string;
	readonly pid: number;
};

export type JournalRecord =
	| DecideRecord
	| SkipRecord
	| UndoRecord
	| MovedRecord
	| RestoredRecord
	| BrokenRecord
	| CopyRecord
	| ReopenRecord
	| SessionRecord;
