import {open} from 'node:fs/promises';
import path from 'node:path';
import {recordProblem} from '../../core/journal-parse.js';
import {errorCode} from '../../shared/fs-errors.js';
import {syncFolder} from '../../store/atomic-file.js';

type FileHandle = Awaited<ReturnType<typeof open>>;

/** Torn bytes found at the end of a journal and moved aside on open. */
export type TornTail = {
	readonly savedTo: string;
	readonly bytes: number;
};

const newline = 0x0a;
const chunkSize = 64 * 1024;

/** Reads backwards from `size` to the byte after the last newline (0 when there is none). */
async function lastLineStart(handle: FileHandle, size: number): Promise<number> {
	let end = size;
	while (end > 0) {
		const start = Math.max(0, end - chunkSize);
		const chunk = Buffer.alloc(end - start);
		await handle.read(chunk, 0, chunk.length, start);
		const index = chunk.lastIndexOf(newline);
		if (index !== -1) {
			return start + index + 1;
		}

		end = start;
	}

	return 0;
}

function isCompleteRecord(text: string): boolean {
	if (text.trim() === '') {
		return true;
	}

	try {
		return recordProblem(JSON.parse(text)) === undefined;
	} catch {
		return false;
	}
}

/** `<file>.torn-2026-11-25T10-02-03.123Z`, plus `-2`, `-3`... if that exists. Never overwrites. */
async function saveAside(file: string, bytes: Buffer): Promise<string> {
	const stamp = new Date().toISOString().replaceAll(':', '-');
	for (let attempt = 1; ; attempt++) {
		const target = `${file}.torn-${stamp}${attempt === 1 ? '' : `-${attempt}`}`;
		let handle: FileHandle;
		try {
			handle = await open(target, 'wx');
		} catch (error) {
			if (errorCode(error) === 'EEXIST') {
				continue;
			}

			throw error;
		}

		try {
			await handle.writeFile(bytes);
			await handle.sync();
		} finally {
			await handle.close();
		}

		return target;
	}
}

/**
Makes a journal end with a newline so the next record cannot fuse with a line cut short by a kill.
A last line that is a complete record (or blank) just gets its newline; anything else is copied
to a `.torn-<time>` file beside the journal, then cut off. Returns the size after the repair.
The handle must be open for reading and appending.
*/
export async function repairTornTail(
	file: string,
	handle: FileHandle,
): Promise<{size: number; tornTail: TornTail | undefined}> {
	const {size} = await handle.stat();
	if (size === 0) {
		return {size, tornTail: undefined};
	}

	const last = Buffer.alloc(1);
	await handle.read(last, 0, 1, size - 1);
	if (last[0] === newline) {
		return {size, tornTail: undefined};
	}

	const start = await lastLineStart(handle, size);
	const tail = Buffer.alloc(size - start);
	await handle.read(tail, 0, tail.length, start);
	if (isCompleteRecord(tail.toString('utf8'))) {
		await handle.write('\n');
		await handle.sync();
		return {size: size + 1, tornTail: undefined};
	}

	const savedTo = await saveAside(file, tail);
	await syncFolder(path.dirname(file));
	await handle.truncate(start);
	await handle.sync();
	return {size: start, tornTail: {savedTo, bytes: tail.length}};
}
