/**
`npm run bench`: prints the figures the README quotes, measured on this machine.
Flags: --quick (smaller sets, for a smoke run), --skip-100k; --scale N runs only the scale suite
(every whole-set figure at 10,000 files and at N, N ≥ 10,000); --startup N runs only the start-up,
resume, memory and ranking figures of issue #12 on N tiny JPEGs; --team runs only the team bench;
--grid-paint runs only the grid page paint bench; --grid-review only the grid against the single
view and the calibration of the guesses.
*/
import os from 'node:os';
import process from 'node:process';
import {fileURLToPath} from 'node:url';
import {runAgreementBench} from './agreement-bench.js';
import {formatAutoAcceptBench, runAutoAcceptBench} from './auto-accept-bench.js';
import {formatCheckBench, runCheckBench} from './check-bench.js';
import {runCommitBench} from './commit-bench.js';
import {formatFormatsBench, runFormatsBench} from './formats-bench.js';
import {formatGraphicsBench, runGraphicsBench} from './graphics-bench.js';
import {formatGridBench, runGridBench} from './grid-bench.js';
import {runGridPaintBench} from './grid-paint-bench.js';
import {formatGuessBench, runGuessBench} from './guess-bench.js';
import {runJournalBench} from './journal-bench.js';
import {ensureLatencySet, measureFirstImage, measureKeypressLatency} from './label-latency.js';
import {formatNearColor, runNearColorBench} from './near-color-bench.js';
import {formatNearDupBench, runNearDupBench} from './near-dup-bench.js';
import {formatRenderBench, runRenderBench} from './render-bench.js';
import {heading, line} from './report-lines.js';
import {formatS3Bench, runS3Bench} from './s3-bench.js';
import {formatScaleBench, runScaleBench} from './scale-bench.js';
import {parseScaleFlag} from './scale-growth.js';
import {runScreenSection} from './screen-section.js';
import {runStartupBench} from './startup-bench.js';
import {formatBytes, formatMs} from './stats.js';
import {runTeamBench} from './team-bench.js';
import {formatTeamBench} from './team-format.js';

const args = new Set(process.argv.slice(2));
const samplesDir = fileURLToPath(new URL('../../samples', import.meta.url));
const quick = args.has('--quick');
let scale: number | undefined;
try {
	scale = parseScaleFlag(process.argv.slice(2));
} catch (error) {
	process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(2);
}

heading(
	`imgsift bench — ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${formatBytes(os.totalmem())} RAM, Node ${process.version}`,
);

async function runScale(largeCount: number): Promise<void> {
	const load = os.loadavg().map((value) => value.toFixed(2));
	heading(
		`Scale: 10,000 and ${largeCount.toLocaleString('en-US')} files (load average at start ${load.join(' ')})`,
	);
	const started = Date.now();
	const result = await runScaleBench(largeCount, (text) => process.stdout.write(`  ${text}\n`));
	const loadEnd = os
		.loadavg()
		.map((value) => value.toFixed(2))
		.join(' ');
	heading(
		`Scale figures (${((Date.now() - started) / 60_000).toFixed(1)} min in all; load average at the end ${loadEnd})`,
	);
	process.stdout.write(`${formatScaleBench(result)}\n`);
}

async function runNormalBench(): Promise<void> {
	await runScreenSection({quick, with100k: !quick && !args.has('--skip-100k')});

	heading('Labeling loop in a real pty (120×40 cells, half-blocks)');
	const latencySet = await ensureLatencySet(quick ? 30 : 90);
	const keys = quick ? 20 : 60;
	for (const [pace, colors] of [
		[200, 'truecolor'],
		[200, '256'],
		[0, 'truecolor'],
	] as const) {
		const figures = await measureKeypressLatency(latencySet, keys, pace, colors);
		const how = `${colors}, ${pace === 0 ? 'keys back to back' : `a key every ${pace} ms`}`;
		line(`keypress → next image written, ${how}: p50`, formatMs(figures.keypress.p50), '≤ 5 ms');
		line(`keypress → next image written, ${how}: p99`, formatMs(figures.keypress.p99), '≤ 25 ms');
		line(`  (max over ${figures.keypress.count} keys)`, formatMs(figures.keypress.max));
		line(
			`keypress → screen settled (text + image), ${how}: p50 / p99`,
			`${formatMs(figures.settled.p50)} / ${formatMs(figures.settled.p99)}`,
		);
		line(
			`peak RSS (${figures.files} files, 1/3 of them 12 MP)`,
			formatBytes(figures.peakRssBytes ?? Number.NaN),
			'≤ 200 MB',
		);
	}

	for (const count of quick || args.has('--skip-100k') ? [10_000] : [10_000, 100_000]) {
		const figures = await measureFirstImage(count, quick ? 1 : 3);
		line(
			`first image on screen, ${count.toLocaleString('en-US')} files: median (each start)`,
			`${formatMs(figures.firstImageMs)} (${figures.runsMs.map(formatMs).join(', ')})`,
			'≤ 1 s',
		);
		line(
			`peak RSS after the scan, ${count.toLocaleString('en-US')} files (highest)`,
			formatBytes(figures.peakRssBytes ?? Number.NaN),
			'≤ 200 MB',
		);
	}

	heading('Journal');
	const journal = await runJournalBench(
		quick ? {resumeRecords: 20_000, existing: [1000, 20_000]} : {},
	);
	for (const append of journal.appends) {
		line(
			`append at ${append.existing.toLocaleString('en-US')} entries: p50 / p99`,
			`${formatMs(append.append.p50)} / ${formatMs(append.append.p99)}`,
		);
		line(
			`append + fsync at ${append.existing.toLocaleString('en-US')} entries: p50`,
			formatMs(append.appendAndSync.p50),
		);
	}

	line(
		`resume: read + parse + fold ${journal.resume.records.toLocaleString('en-US')} records`,
		formatMs(journal.resume.totalMs),
		'≤ 1 s',
	);

	heading('Team status: votes, consensus (Dawid–Skene), agreement');
	for (const row of runAgreementBench(quick ? [10_000] : [10_000, 100_000])) {
		line(
			`team status, ${row.items.toLocaleString('en-US')} items × 3 votes: CPU (wall)`,
			`${formatMs(row.cpuMs)} (${formatMs(row.wallMs)})`,
		);
	}

	heading('Rendering (80×40 cells)');
	process.stdout.write(`${formatRenderBench(await runRenderBench())}\n`);
	for (const figures of await runNearColorBench()) {
		line('  truecolor frame at 108×42 cells, exact → near colours', formatNearColor(figures));
	}

	heading('Commit');
	const commit = await runCommitBench(quick ? 200 : 1000);
	line(
		`move ${commit.files} files, same filesystem`,
		`${formatMs(commit.sameFilesystemMs)} (${Math.round((commit.files / commit.sameFilesystemMs) * 1000)}/s)`,
	);
	if (commit.crossFilesystemMs !== undefined) {
		line(
			`move ${commit.files} files to another filesystem (copy+verify)`,
			`${formatMs(commit.crossFilesystemMs)} (${Math.round((commit.files / commit.crossFilesystemMs) * 1000)}/s)`,
		);
	}

	heading('Images from S3 (s3rver on loopback, +50 ms per request, cache and prefetch of 8)');
	process.stdout.write(`${formatS3Bench(await runS3Bench({keys: quick ? 10 : 40}))}\n`);

	heading('imgsift check (dataset hygiene)');
	process.stdout.write(`${formatCheckBench(await runCheckBench({count: quick ? 300 : 2000}))}\n`);

	heading(
		'Near duplicates: samples + generated copies and template screenshots (bench/near-dup-set.ts)',
	);
	process.stdout.write(`${formatNearDupBench(await runNearDupBench({samples: samplesDir}))}\n`);

	heading('Renderers: bytes, encode time, keypress to frame with prefetch (80×40 cells)');
	process.stdout.write(`${formatGraphicsBench(await runGraphicsBench())}\n`);

	heading('Guesses');
	process.stdout.write(`${formatGuessBench(await runGuessBench({quick}))}\n`);

	await runGridReview();
	await runGridPaint();
	const formatItems = quick || args.has('--skip-100k') ? 10_000 : 100_000;
	heading(
		`Export and import, ${formatItems.toLocaleString('en-US')} items, each run in its own process`,
	);
	process.stdout.write(`${formatFormatsBench(await runFormatsBench(formatItems))}\n`);
	await runTeam();
}

/** Keys per image and labels per hour, single against grid view, and the guesses' calibration. */
async function runGridReview(): Promise<void> {
	heading('Grid review against the single view, same items (simulated person, real reducers)');
	process.stdout.write(`${formatGridBench(await runGridBench({quick}))}\n`);
	process.stdout.write(`${formatAutoAcceptBench(runAutoAcceptBench())}\n`);
}

/** Enter to the next grid page fully written, blocks and kitty (bench/grid-paint-bench.ts). */
async function runGridPaint(): Promise<void> {
	const load = os.loadavg().map((value) => value.toFixed(2));
	heading(`Grid page paint in a real pty, 140×45 (load average at start ${load.join(' ')})`);
	for (const figures of await runGridPaintBench({quick})) {
		line(
			`grid page paint, Enter → next page written, ${figures.render}, 140×45: p50 / p99`,
			`${formatMs(figures.paint.p50)} / ${formatMs(figures.paint.p99)}`,
			'p50 ≤ 30 ms, p99 ≤ 80 ms',
		);
		line(
			`  CPU time of that paint (labeling process, all threads; load-independent): p50 / p99`,
			`${formatMs(figures.cpu.p50)} / ${formatMs(figures.cpu.p99)}`,
			'',
		);
		line(
			`  of its main thread (journal, page, Ink, paint): p50 / p99`,
			`${formatMs(figures.mainCpu.p50)} / ${formatMs(figures.mainCpu.p99)}`,
			'',
		);
		line(
			`  Enter → header drawn (waits for guesses show here): p50 / p99`,
			`${formatMs(figures.header.p50)} / ${formatMs(figures.header.p99)}; ${figures.partFull}/${figures.pages} pages part-full`,
			'',
		);
	}
	const loadEnd = os.loadavg().map((value) => value.toFixed(2));
	line('  load average at the end', loadEnd.join(' '));
}

async function runTeam(): Promise<void> {
	const load = os.loadavg().map((value) => value.toFixed(2));
	heading(
		`Team labeling: simulated labelers, one process each, driving the ledger (load average ${load.join(' ')})`,
	);
	process.stdout.write(`${formatTeamBench(await runTeamBench({quick}))}\n`);
}

const startupAt = process.argv.indexOf('--startup');
const startup = startupAt === -1 ? undefined : Number(process.argv[startupAt + 1] ?? Number.NaN);
if (startup !== undefined && !(Number.isSafeInteger(startup) && startup >= 1000)) {
	process.stderr.write(
		'bench: --startup needs a file count of at least 1000, e.g. --startup 100000\n',
	);
	process.exit(2);
}

if (startup !== undefined) {
	const load = os.loadavg().map((value) => value.toFixed(2));
	heading(
		`Start-up, resume and memory at ${startup.toLocaleString('en-US')} tiny JPEGs in day folders (load average ${load.join(' ')}; medians of 3)`,
	);
	await runStartupBench(startup, line);
} else if (args.has('--team')) {
	await runTeam();
} else if (args.has('--grid-review')) {
	await runGridReview();
} else if (args.has('--grid-paint')) {
	await runGridPaint();
} else {
	await (scale === undefined ? runNormalBench() : runScale(scale));
}
