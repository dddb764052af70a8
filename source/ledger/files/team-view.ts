/**
What the other people on this folder are doing, read from their files: their journals (votes, and
changes for watch()) and their claims logs. Each refresh reads only what was appended since.
*/
import {readdir} from 'node:fs/promises';
import path from 'node:path';
import {recordProblem} from '../../core/journal-parse.js';
import type {JournalRecord} from '../../core/journal-record.js';
import {errorCode} from '../../shared/fs-errors.js';
import {userOfJournal} from '../../store/paths.js';
import type {ItemVotes} from '../item-votes.js';
import type {LedgerChange} from '../ledger.js';
import {type ClaimBoard, parseClaimLine} from './claim-board.js';
import {type FileTail, tailFile} from './file-tail.js';

export type TeamView = {
	/** Reads everyone's new lines, passing other users' new records to `onChange`. */
	refresh(): Promise<void>;
};

async function listJsonl(folder: string): Promise<string[]> {
	try {
		return (await readdir(folder)).filter((name) => name.endsWith('.jsonl'));
	} catch (error) {
		if (errorCode(error) === 'ENOENT') {
			return [];
		}

		throw error;
	}
}

const userOf = (name: string): string => userOfJournal(name) ?? name.slice(0, -'.jsonl'.length);

function parseRecords(lines: readonly string[]): JournalRecord[] {
	const records: JournalRecord[] = [];
	for (const line of lines) {
		try {
			const value: unknown = JSON.parse(line);
			if (recordProblem(value) === undefined) {
				records.push(value as JournalRecord);
			}
		} catch {
			// A damaged line in someone else's journal: their own session reports it.
		}
	}

	return records;
}

export function createTeamView(options: {
	readonly journalDir: string;
	readonly claimsDir: string;
	/** This user's file name stem: their journal is applied as it is written, not re-read. */
	readonly self: string;
	readonly votes: ItemVotes;
	readonly board: ClaimBoard;
	readonly onChange: (change: LedgerChange) => void;
}): TeamView {
	const journals = new Map<string, FileTail>();
	const claims = new Map<string, FileTail>();
	let queue: Promise<unknown> = Promise.resolve();

	const tailsOf = async (folder: string, tails: Map<string, FileTail>) => {
		for (const name of await listJsonl(folder)) {
			const user = userOf(name);
			if (!tails.has(user)) {
				tails.set(user, tailFile(path.join(folder, name)));
			}
		}

		return tails;
	};

	const refreshNow = async (): Promise<void> => {
		for (const [user, tail] of await tailsOf(options.journalDir, journals)) {
			if (user === options.self) {
				continue;
			}

			const records = parseRecords((await tail.read()).lines);
			for (const record of records) {
				options.votes.apply(user, record);
			}

			if (records.length > 0) {
				options.onChange({user, records});
			}
		}

		for (const [user, tail] of await tailsOf(options.claimsDir, claims)) {
			const {lines, restarted} = await tail.read();
			if (restarted) {
				options.board.reset(user);
			}

			for (const line of lines) {
				const parsed = parseClaimLine(line);
				if (parsed !== undefined) {
					options.board.apply(user, parsed);
				}
			}
		}
	};

	return {
		refresh() {
			// One at a time, each reading afresh: claim() must see every line written before it.
			const result = queue.then(refreshNow);
			queue = result.catch(() => undefined);
			return result;
		},
	};
}
