import {open} from 'node:fs/promises';
import {errorCode} from '../../shared/fs-errors.js';

export type TailRead = {
	/** Whole new lines since the last read (a line still being written waits for its newline). */
	readonly lines: readonly string[];
	/** True when the file shrank or was replaced: `lines` start again from its beginning. */
	readonly restarted: boolean;
};

export type FileTail = {
	readonly path: string;
	read(): Promise<TailRead>;
};

const none: TailRead = {lines: [], restarted: false};

/**
Reads an append-only text file incrementally: each read costs the new bytes only, so following
other people's journals stays O(new records) however long they grow. A missing file is empty.
*/
export function tailFile(path: string): FileTail {
	let offset = 0;
	let identity = '';
	return {
		path,
		async read() {
			let handle: Awaited<ReturnType<typeof open>>;
			try {
				handle = await open(path, 'r');
			} catch (error) {
				if (errorCode(error) === 'ENOENT') {
					return none;
				}

				throw error;
			}

			try {
				const stats = await handle.stat();
				const id = `${stats.dev}:${stats.ino}`;
				const restarted = (identity !== '' && id !== identity) || stats.size < offset;
				identity = id;
				if (restarted) {
					offset = 0;
				}

				if (stats.size === offset) {
					return restarted ? {lines: [], restarted} : none;
				}

				const buffer = Buffer.alloc(stats.size - offset);
				const {bytesRead} = await handle.read(buffer, 0, buffer.length, offset);
				const end = buffer.lastIndexOf(0x0a, bytesRead - 1);
				if (end === -1) {
					return {lines: [], restarted};
				}

				offset += end + 1;
				const text = buffer.toString('utf8', 0, end);
				return {lines: text.split('\n').filter((line) => line.trim() !== ''), restarted};
			} finally {
				await handle.close();
			}
		},
	};
}
