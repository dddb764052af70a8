import {createHash} from 'node:crypto';
import {cp, mkdtemp, readdir, readFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

export const samplesFolder = fileURLToPath(new URL('../../../samples/', import.meta.url));

/** A fresh copy of the bundled samples (images only) in a temp folder. */
export async function copySamples(prefix = 'imgsift-test-'): Promise<string> {
	const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
	await cp(samplesFolder, dir, {recursive: true, filter: (source) => !/\.(md|json)$/.test(source)});
	return dir;
}

export {removeFolder} from './temp-dir.js';

/** Every file under `dir` except imgsift's own `.labels`, relative path -> sha1. */
export async function inventory(dir: string): Promise<Map<string, string>> {
	const found = new Map<string, string>();
	const entries = await readdir(dir, {recursive: true, withFileTypes: true});
	for (const entry of entries) {
		const absolute = path.join(entry.parentPath, entry.name);
		const relative = path.relative(dir, absolute);
		if (!entry.isFile() || relative.split(path.sep)[0] === '.labels') {
			continue;
		}

		found.set(
			relative,
			createHash('sha1')
				.update(await readFile(absolute))
				.digest('hex'),
		);
	}

	return found;
}

/** The multiset of contents, as sorted hashes: equal before and after means nothing lost or doubled. */
export function contentMultiset(files: Map<string, string>): string[] {
	return [...files.values()].sort();
}

/** The records of the one journal in `dir`'s .labels, parsed line by line as plain objects. */
export async function journalRecordsIn(dir: string): Promise<Array<Record<string, unknown>>> {
	const folder = path.join(dir, '.labels', 'journal');
	const [file] = await readdir(folder);
	const text = await readFile(path.join(folder, file ?? ''), 'utf8');
	return text
		.split('\n')
		.filter((line) => line !== '')
		.map((line) => JSON.parse(line) as Record<string, unknown>);
}
