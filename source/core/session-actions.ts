import type {
	DecisionOrigin,
	Guess,
	ImportNote,
	ItemStat,
	JournalRecord,
	ReopenReason,
} from './journal-record.js';
import type {SessionState} from './session-state.js';

/** Replayed actions carry the seq of their record; live ones get the next seq. */
export type Sequenced = {readonly time: string; readonly seq?: number};

export type SessionAction =
	/** `unclaimed`: found, but shown only once this session claims them (team labeling). */
	| {readonly type: 'items-found'; readonly paths: readonly string[]; readonly unclaimed?: boolean}
	| {readonly type: 'scan-finished'}
	/** Team labeling: items this session claimed (`here`), or another labeler has (`taken`). */
	| {
			readonly type: 'elsewhere';
			readonly paths: readonly string[];
			readonly to: 'here' | 'taken' | 'unclaimed';
	  }
	| (Sequenced & {
			readonly type: 'decide';
			readonly item: ItemStat;
			readonly label: string;
			readonly ms: number;
			readonly guess?: Guess;
			/** A label brought in by `imgsift import`, with what the file said about it. */
			readonly imported?: ImportNote;
			readonly origin?: DecisionOrigin;
	  })
	| (Sequenced & {
			readonly type: 'accept-guess';
			readonly item: ItemStat;
			readonly guess: Guess | undefined;
			readonly ms: number;
			readonly origin?: DecisionOrigin;
	  })
	| (Sequenced & {readonly type: 'skip'; readonly item: ItemStat; readonly ms: number})
	| (Sequenced & {readonly type: 'undo'; readonly target?: number})
	| (Sequenced & {
			readonly type: 'moved';
			readonly path: string;
			readonly to: string;
			readonly label: string;
	  })
	| (Sequenced & {readonly type: 'restored'; readonly path: string; readonly from: string})
	| (Sequenced & {
			readonly type: 'broken';
			readonly item: ItemStat;
			readonly reason: string;
			readonly detail: string;
	  })
	| (Sequenced & {
			readonly type: 'copy';
			readonly item: ItemStat;
			readonly of: string;
			readonly label: string;
	  })
	| (Sequenced & {
			readonly type: 'reopen';
			readonly path: string;
			readonly reason: ReopenReason;
			readonly size?: number;
			readonly mtimeMs?: number;
	  })
	| (Sequenced & {
			readonly type: 'session-start';
			readonly user: string;
			readonly host: string;
			readonly pid: number;
	  });

export type Transition = {
	readonly state: SessionState;
	/** The journal record that makes this transition durable; none for scan events. */
	readonly record: JournalRecord | undefined;
};
