import type {CheckKey, FileFacts} from './check-types.js';

export type {CheckKey} from './check-types.js';

/** A request to the check thread: one file to read, hash and decode. */
export type CheckJob = {
	readonly id: number;
	readonly file: string;
	readonly key: CheckKey;
	readonly maxPixels: number;
};

/** checkFile never throws for a bad file; `error` is for a fault of the thread itself. */
export type CheckReply =
	| {readonly id: number; readonly facts: FileFacts}
	| {readonly id: number; readonly error: string};
