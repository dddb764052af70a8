import {execFile, spawn} from 'node:child_process';
import {readFile, rm} from 'node:fs/promises';
import {availableParallelism, loadavg} from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {pathToFileURL} from 'node:url';
import {promisify} from 'node:util';
import {buildCheckReport} from '../source/formats/check-report.js';
import {checkFolder} from '../source/scan/check.js';
import {checkCachePath} from '../source/scan/check-cache.js';
import {groupNearHashes} from '../source/scan/hamming-index.js';
import {ensureBenchImages} from './generate.js';
import {formatBytes, formatMs} from './stats.js';

export type PassFigures = {
	readonly seconds: number;
	/** CPU time over all threads (user + system): unlike the wall time, it barely moves with the load. */
	readonly cpuSeconds: number;
	readonly filesPerSecond: number;
	/** Megabytes (10^6 bytes) of the set's files per second. */
	readonly megabytesPerSecond: number;
};

export type CheckBenchResult = {
	readonly files: number;
	readonly bytes: number;
	readonly workers: number;
	readonly broken: number;
	readonly duplicateCopies: number;
	readonly nearGroups: number;
	readonly cold: PassFigures;
	readonly warm: PassFigures;
	/** SHA-1 of every file, then PIL's Image.open(p).load(), one file after another in python3. */
	readonly baseline?: PassFigures & {readonly python: string; readonly failed: number};
	/** Grouping made-up dHashes: 100k at distance 10 by default. */
	readonly nearIndex: {readonly hashes: number; readonly groups: number; readonly ms: number};
	/** The 1-minute load average when the cold pass started: other work on the box slows every pass. */
	readonly load: number;
};

export type CheckBenchOptions = {
	readonly count?: number;
	readonly seed?: number;
	readonly workers?: number;
	/** Hashes for the near-duplicate index timing. */
	readonly nearHashes?: number;
	/** Skip the python3 + PIL baseline even when it is installed. */
	readonly skipBaseline?: boolean;
};

// The method users write by hand, timed inside python so its start-up is not counted against it.
const baselineScript = `
import hashlib, json, sys, time
from PIL import Image
paths = sys.stdin.buffer.read().split(b"\\0")
paths = [p.decode() for p in paths if p]
failed = 0
start = time.perf_counter()
cpu = time.process_time()
for p in paths:
    with open(p, "rb") as f:
        hashlib.sha1(f.read()).hexdigest()
    try:
        with Image.open(p) as image:
            image.load()
    except Exception:
        failed += 1
print(json.dumps({"seconds": time.perf_counter() - start, "cpuSeconds": time.process_time() - cpu, "failed": failed}))
`;

/** A python3 that can import PIL (Debian's python3-pil lives in /usr/bin's), or undefined. */
export async function findPythonWithPil(): Promise<string | undefined> {
	for (const candidate of ['python3', '/usr/bin/python3']) {
		try {
			await promisify(execFile)(candidate, ['-c', 'import PIL']);
			return candidate;
		} catch {
			// Not installed, or without PIL: try the next one.
		}
	}

	return undefined;
}

async function runBaseline(
	python: string,
	files: readonly string[],
): Promise<{seconds: number; cpuSeconds: number; failed: number}> {
	const child = spawn(python, ['-c', baselineScript], {stdio: ['pipe', 'pipe', 'inherit']});
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => {
		output += chunk.toString('utf8');
	});
	child.stdin.end(files.join('\0'));
	const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
	if (code !== 0) {
		throw new Error(`The python3 + PIL baseline exited with ${code}; run it by hand to see why.`);
	}

	return JSON.parse(output) as {seconds: number; cpuSeconds: number; failed: number};
}

function figures(
	{seconds, cpuSeconds}: {seconds: number; cpuSeconds: number},
	files: number,
	bytes: number,
): PassFigures {
	const perSecond = {filesPerSecond: files / seconds, megabytesPerSecond: bytes / 1e6 / seconds};
	return {seconds, cpuSeconds, ...perSecond};
}

/** Random 64-bit hashes with a tenth of them copies of others, as a big real set would have. */
function madeUpHashes(count: number): string[] {
	let state = 12_345;
	const next = () => {
		state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
		return state.toString(16).padStart(8, '0');
	};
	const hashes = Array.from({length: count}, () => next() + next());
	for (let index = 0; index < count / 10; index++) {
		hashes[Number.parseInt(next(), 16) % count] = hashes[Number.parseInt(next(), 16) % count] ?? '';
	}

	return hashes;
}

/**
Times `imgsift check` on a generated set (photos, screenshots, 12 MP photos, exact duplicates,
broken files): cold (no cache), then warm (everything cached). The file bytes are read once first,
so both passes and the baseline start with the files in the OS page cache.
*/
export async function runCheckBench(options: CheckBenchOptions = {}): Promise<CheckBenchResult> {
	const workers = options.workers ?? availableParallelism() + 1;
	const set = await ensureBenchImages({count: options.count ?? 2000, seed: options.seed ?? 7});
	const absolute = set.files.map((file) => path.join(set.dir, ...file.split('/')));
	let bytes = 0;
	for (const file of absolute) {
		bytes += (await readFile(file)).length;
	}

	const pass = async () => {
		const cpu = process.cpuUsage();
		const started = performance.now();
		const run = await checkFolder({dir: set.dir, ignore: [], maxPixels: 100_000_000, workers});
		const report = buildCheckReport(run, {
			dir: set.dir,
			out: path.join(set.dir, 'labeled'),
			maxPixels: 100_000_000,
			nearDistance: 10,
		});
		const used = process.cpuUsage(cpu);
		const cpuSeconds = (used.user + used.system) / 1e6;
		return {seconds: (performance.now() - started) / 1000, cpuSeconds, report};
	};

	await rm(checkCachePath(set.dir), {force: true});
	const [load = 0] = loadavg();
	const cold = await pass();
	const warm = await pass();
	if (warm.report.summary.fromCache !== warm.report.summary.files) {
		throw new Error('The warm check pass read files again; the cache is not working.');
	}

	const python = options.skipBaseline === true ? undefined : await findPythonWithPil();
	const baseline = python === undefined ? undefined : await runBaseline(python, absolute);
	const hashes = madeUpHashes(options.nearHashes ?? 100_000);
	const indexStarted = performance.now();
	const groups = groupNearHashes(hashes, 10);
	const indexMs = performance.now() - indexStarted;
	const files = cold.report.summary.files;
	return {
		files,
		bytes,
		workers,
		broken: cold.report.summary.broken,
		duplicateCopies: cold.report.summary.duplicateCopies,
		nearGroups: cold.report.summary.nearGroups,
		cold: figures(cold, files, bytes),
		warm: figures(warm, files, bytes),
		...(baseline && python
			? {baseline: {...figures(baseline, files, bytes), python, failed: baseline.failed}}
			: {}),
		nearIndex: {hashes: hashes.length, groups: groups.length, ms: indexMs},
		load,
	};
}

export function formatCheckBench(result: CheckBenchResult): string {
	const rate = (pass: PassFigures) =>
		`${formatMs(pass.seconds * 1000)}  ${Math.round(pass.filesPerSecond)} files/s  ${pass.megabytesPerSecond.toFixed(1)} MB/s  (CPU ${pass.cpuSeconds.toFixed(2)} s)`;
	const lines = [
		`  set: ${result.files} files, ${formatBytes(result.bytes)} (${result.broken} broken, ${result.duplicateCopies} exact copies, ${result.nearGroups} near groups), ${result.workers} decode workers, load ${result.load.toFixed(1)}`,
		`  check, cold cache                 ${rate(result.cold)}`,
		`  check, warm cache                 ${rate(result.warm)}`,
	];
	const {baseline} = result;
	if (baseline) {
		const speedup = (pass: PassFigures) => (baseline.seconds / pass.seconds).toFixed(1);
		const cpuRatio = (baseline.cpuSeconds / result.cold.cpuSeconds).toFixed(2);
		lines.push(
			`  sha1 + PIL load() (${baseline.python})  ${rate(baseline)}`,
			`  speed-up over it: cold ${speedup(result.cold)}×  (target ≥ 3×), warm ${speedup(result.warm)}×  (target ≥ 20×)`,
			`  CPU per file, PIL over cold check: ${cpuRatio}× (the cold speed-up on 2 cores is at most twice this)`,
		);
	} else {
		lines.push('  sha1 + PIL load() baseline skipped: no python3 with PIL (Debian: python3-pil)');
	}

	lines.push(
		`  near-duplicate index: ${result.nearIndex.hashes.toLocaleString('en-US')} hashes grouped at distance 10 in ${formatMs(result.nearIndex.ms)}`,
	);
	return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const countFlag = process.argv.indexOf('--count');
	const count = countFlag > 0 ? Number(process.argv[countFlag + 1]) : undefined;
	const result = await runCheckBench(count === undefined ? {} : {count});
	process.stdout.write(`${formatCheckBench(result)}\n`);
}
