/**
What finding exact copies costs a commit (`hashPossibleCopies`), on `count` decided files made
from the samples with a unique tail each (so every file is distinct):
- sizes all different: no file shares a size, nothing is read (the common case);
- sizes shared: every file is a candidate and is read and hashed (the worst case);
- the same, with the check cache filled (as after `imgsift check` or a labeling session).
Run: `npm run build:dev && node build/bench/copy-hash-bench.js [count]`.
*/
import {mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {fileURLToPath} from 'node:url';
import {entries} from '../source/core/persistent-map.js';
import {transition} from '../source/core/session-reducer.js';
import {initialState, type SessionState} from '../source/core/session-state.js';
import {hashPossibleCopies} from '../source/files/commit/index.js';
import {checkCachePath, openCheckCache} from '../source/scan/check-cache.js';
import {sha1Of} from '../source/scan/content-hash.js';
import {formatBytes, formatMs} from './stats.js';

const samples = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../samples');

/** `count` distinct decided files; `sameSize` pads each to its sample's size plus 8 bytes. */
async function decidedSet(count: number, sameSize: boolean) {
	const dir = await mkdtemp(path.join(tmpdir(), 'imgsift-copy-hash-'));
	const names = (await readdir(samples)).filter((name) =>
		/^img_00([0-3]\d|4[0-4])\.(jpg|png)$/.test(name),
	);
	const sources = await Promise.all(names.map(async (name) => readFile(path.join(samples, name))));
	let state: SessionState = initialState(['photo', 'screenshot']);
	let bytes = 0;
	for (let index = 0; index < count; index++) {
		const source = sources[index % sources.length] ?? Buffer.alloc(0);
		// A unique tail: 8 bytes keeps copies of one sample the same size, `index` bytes does not.
		const tail = Buffer.alloc(sameSize ? 8 : 8 + index);
		tail.writeUInt32BE(index);
		const itemPath = `part-${Math.floor(index / 500)}/${index}.jpg`;
		const file = path.join(dir, itemPath);
		await mkdir(path.dirname(file), {recursive: true});
		await writeFile(file, Buffer.concat([source, tail]));
		const {size, mtimeMs} = await stat(file);
		bytes += size;
		const item = {path: itemPath, size, mtimeMs};
		state =
			transition(state, {type: 'decide', time: 't', item, label: 'photo', ms: 1})?.state ?? state;
	}

	return {dir, state, bytes};
}

async function timed<T>(work: () => Promise<T>): Promise<{ms: number; result: T}> {
	const started = performance.now();
	const result = await work();
	return {ms: performance.now() - started, result};
}

const count = Number(process.argv[2] ?? 1000);
const line = (label: string, value: string) =>
	process.stdout.write(`  ${label.padEnd(56)} ${value}\n`);
process.stdout.write(`Finding exact copies at commit, ${count} decided files\n`);

const unique = await decidedSet(count, false);
try {
	const run = await timed(async () => hashPossibleCopies({dir: unique.dir, state: unique.state}));
	line(
		`sizes all different: ${run.result.candidates} candidates, ${run.result.read} read`,
		formatMs(run.ms),
	);
} finally {
	await rm(unique.dir, {recursive: true, force: true});
}

const shared = await decidedSet(count, true);
try {
	const options = {dir: shared.dir, state: shared.state, cacheFile: false as const};
	for (const round of ['first', 'second']) {
		const run = await timed(async () => hashPossibleCopies(options));
		line(
			`sizes shared, no cache (${round} run): ${run.result.read} read, ${formatBytes(shared.bytes)}`,
			formatMs(run.ms),
		);
	}

	const cache = await openCheckCache(checkCachePath(shared.dir));
	for (const [itemPath, decision] of entries(shared.state.decisions)) {
		const content = await readFile(path.join(shared.dir, itemPath));
		cache.put(itemPath, {size: decision.size, mtimeMs: decision.mtimeMs, sha1: sha1Of(content)});
	}

	await cache.close({complete: false});
	const run = await timed(async () => hashPossibleCopies({dir: shared.dir, state: shared.state}));
	line(`sizes shared, check cache filled: ${run.result.fromCache} from cache`, formatMs(run.ms));
} finally {
	await rm(shared.dir, {recursive: true, force: true});
}
