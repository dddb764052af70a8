/**
`node build/bench/commit-rss.js [count] [runs] [--timeline] [--heap-at MiB]`: the commit row of
`--startup` alone, without the 7 minutes of the rest: peak RSS and time of `imgsift commit` on the
first `count` files (default 100,000) of the start-up bench's tiny set, each file decided by a
`count`-record journal (built once, kept aside in the temp folder). Each run commits a fresh
hard-linked copy, so the set itself never moves. `--timeline` adds the memory at peak RSS (heap,
external) from bench/memory-timeline.ts; `--heap-at` writes a heap snapshot when RSS first passes
that many MiB (summarize it with bench/heap-summary.js); `--node a,b` passes flags to node.
*/
import {execFile} from 'node:child_process';
import {cp, mkdir, readFile, rm, stat} from 'node:fs/promises';
import os, {tmpdir} from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import {openDataset} from '../source/app/dataset.js';
import {stateCodecVersion} from '../source/core/state-codec.js';
import {buildJournalRecords, journalBenchClasses} from './journal-bench.js';
import {childFailure, runCliChild} from './scale-child.js';
import {formatBytes, formatMs} from './stats.js';
import {ensureTinySet} from './tiny-set.js';

const timelinePreload = new URL('memory-timeline.js', import.meta.url).href;
const setSize = 100_000;
const perFolder = 100;

function option(name: string): string | undefined {
	const at = process.argv.indexOf(name);
	return at === -1 ? undefined : process.argv[at + 1];
}

/** `count` files of the set, hard-linked into `work` (day folders whole: 100 files each). */
async function linkedCopy(source: string, files: readonly string[], work: string): Promise<void> {
	await rm(work, {recursive: true, force: true});
	await mkdir(work, {recursive: true});
	const folders = [...new Set(files.map((file) => file.slice(0, file.indexOf('/'))))];
	for (let at = 0; at < folders.length; at += perFolder) {
		const some = folders.slice(at, at + perFolder).map((folder) => path.join(source, folder));
		await promisify(execFile)('cp', ['-al', ...some, work]);
	}
}

/** The journal deciding the copy's files, made once and kept in `saved`. */
async function savedJournal(work: string, files: readonly string[], saved: string) {
	if (
		await stat(saved).then(
			() => true,
			() => false,
		)
	)
		return;
	const stats = new Map<string, {size: number; mtimeMs: number}>();
	for (const file of files) {
		const found = await stat(path.join(work, file));
		stats.set(file, {size: found.size, mtimeMs: found.mtimeMs});
	}

	const dataset = await openDataset(work, {classes: [...journalBenchClasses]});
	try {
		for (const record of buildJournalRecords(files.length, 1, stats))
			await dataset.ledger.append(record);
	} finally {
		await dataset.close();
	}

	await cp(path.join(work, '.labels'), saved, {recursive: true});
}

const numbers = process.argv.slice(2).filter((word) => /^\d+$/.test(word));
const count = Number(numbers[0] ?? setSize);
const runs = Number(numbers[1] ?? 1);
const heapAt = option('--heap-at');
const heapAtMark = option('--heap-at-mark');
const timeline =
	heapAt !== undefined || heapAtMark !== undefined || process.argv.includes('--timeline');
if (!(count >= perFolder && count <= setSize && count % perFolder === 0)) {
	throw new Error(`count ${count}: give a multiple of ${perFolder} up to ${setSize}`);
}

const set = await ensureTinySet(setSize);
const files = set.files.slice(0, count);
const work = path.join(tmpdir(), `imgsift-commit-rss-${count}`);
const saved = `${work}-labels-codec${stateCodecVersion}`;
for (let run = 0; run < runs; run++) {
	await linkedCopy(set.dir, files, work);
	await savedJournal(work, files, saved);
	await rm(path.join(work, '.labels'), {recursive: true, force: true});
	await cp(saved, path.join(work, '.labels'), {recursive: true});
	const memoryFile = path.join(tmpdir(), `imgsift-commit-rss-${count}-memory.json`);
	process.env['IMGSIFT_BENCH_MEMORY'] = timeline ? memoryFile : '';
	process.env['IMGSIFT_BENCH_HEAP_AT_MB'] = heapAt ?? '';
	process.env['IMGSIFT_BENCH_HEAP_AT_MARK'] = heapAtMark ?? '';
	const load = os.loadavg().map((value) => value.toFixed(2));
	const preload = [
		...(option('--node')?.split(',') ?? []),
		...(timeline ? ['--import', timelinePreload] : []),
	];
	const commit = await runCliChild(['commit', work], preload);
	if (![0, 1].includes(commit.exitCode ?? -1)) throw childFailure('imgsift commit', commit);
	const moved = /Moved (\d+) file/.exec(commit.stdout)?.[1] ?? '?';
	process.stdout.write(
		`commit of ${moved} moves (${count} files): ${formatMs(commit.ms)}, CPU ${formatMs(commit.cpuMs ?? Number.NaN)}, peak RSS ${formatBytes(commit.peakRssBytes ?? Number.NaN)} (load average before: ${load.join(' ')})\n`,
	);
	if (timeline) {
		const memory = JSON.parse(await readFile(memoryFile, 'utf8')) as {
			peak: unknown;
			end: unknown;
			marks: unknown[];
		};
		process.stdout.write(
			`  at peak RSS (MiB): ${JSON.stringify(memory.peak)}\n  at exit: ${JSON.stringify(memory.end)}\n`,
		);
		for (const mark of memory.marks) process.stdout.write(`  mark ${JSON.stringify(mark)}\n`);
	}
}

await rm(work, {recursive: true, force: true});
