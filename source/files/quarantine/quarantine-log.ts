import {mkdir, open, readFile} from 'node:fs/promises';
import path from 'node:path';
import type {CheckReason} from '../../image/validate.js';
import {describeFsError, errorCode} from '../../shared/fs-errors.js';
import {UserError} from '../../shared/user-error.js';
import {labelsDir} from '../../store/paths.js';

/**
One line of `.labels/quarantine.jsonl`, the log that makes quarantine reversible. Paths are
relative to the dataset folder with `/` (`to` and `from` absolute when outside it).
*/
export type QuarantineRecord =
	| {
			readonly v: 1;
			readonly time: string;
			readonly op: 'quarantined';
			readonly path: string;
			readonly to: string;
			readonly reason: CheckReason;
	  }
	| {
			readonly v: 1;
			readonly time: string;
			readonly op: 'restored';
			readonly path: string;
			readonly from: string;
	  };

export function quarantineLogPath(dir: string): string {
	return path.join(labelsDir(dir), 'quarantine.jsonl');
}

export type QuarantineLog = {
	append(record: QuarantineRecord): Promise<void>;
	close(): Promise<void>;
};

export async function openQuarantineLog(file: string): Promise<QuarantineLog> {
	let handle: Awaited<ReturnType<typeof open>>;
	try {
		await mkdir(path.dirname(file), {recursive: true});
		handle = await open(file, 'a');
	} catch (error) {
		throw new UserError(
			`could not open the quarantine log ${file}: ${describeFsError(error)}. Make .labels writable, then try again; nothing was moved.`,
			{cause: error},
		);
	}

	return {
		async append(record) {
			// One write per record, fsynced: the log is what makes a move reversible.
			await handle.write(`${JSON.stringify(record)}\n`);
			await handle.sync();
		},
		close: () => handle.close(),
	};
}

function parseRecords(text: string): QuarantineRecord[] {
	const records: QuarantineRecord[] = [];
	for (const line of text.split('\n')) {
		try {
			const value = JSON.parse(line) as Partial<Record<string, unknown>>;
			const known =
				value['v'] === 1 &&
				typeof value['path'] === 'string' &&
				((value['op'] === 'quarantined' && typeof value['to'] === 'string') ||
					(value['op'] === 'restored' && typeof value['from'] === 'string'));
			if (known) {
				records.push(value as QuarantineRecord);
			}
		} catch {
			// A blank or torn line: the move it would describe was not finished.
		}
	}

	return records;
}

/** The last record of each path, which says where it is now; empty when there is no log. */
export async function readLatestRecords(dir: string): Promise<Map<string, QuarantineRecord>> {
	const logFile = quarantineLogPath(dir);
	let text: string;
	try {
		text = await readFile(logFile, 'utf8');
	} catch (error) {
		if (errorCode(error) === 'ENOENT') {
			return new Map();
		}

		throw new UserError(
			`could not read the quarantine log ${logFile}: ${describeFsError(error)}.`,
			{
				cause: error,
			},
		);
	}

	const latest = new Map<string, QuarantineRecord>();
	for (const record of parseRecords(text)) {
		latest.set(record.path, record);
	}

	return latest;
}
