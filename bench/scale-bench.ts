/**
`npm run bench -- --scale N`: every whole-set figure at 10,000 files and at N, and how it grows.
Sets are generated once into the temp folder and reused; nothing here changes them for good.
*/
import {performance} from 'node:perf_hooks';
import {type BenchImages, ensureBenchImages} from './generate.js';
import {
	type FigureUnit,
	type FigureValue,
	formatFigure,
	formatScaleTable,
	type GrowthKind,
	type ScaleRow,
	scaleBaseCount,
	scalePoolSize,
} from './scale-growth.js';
import {
	measureCheck,
	measureCommit,
	measureFirstImageOn,
	measureKeys,
	measureResume,
	measureScan,
} from './scale-steps.js';
import {formatBytes} from './stats.js';

const seed = 6;
const keys = 40;

const rowSpecs = {
	generation: ['generation (or "reused")', 'ms', 'total'],
	firstImage: ['first image on screen, fresh folder (median of 3)', 'ms', 'flat'],
	firstImageRss: ['  peak RSS, label until the scan is done', 'bytes', 'total'],
	scan: ['full scan, walk of all files (median of 3)', 'ms', 'total'],
	scanRss: ['  peak RSS, walk', 'bytes', 'total'],
	keyP50: [`keypress → next image, fresh folder, p50 (${keys} keys, 1 per 200 ms)`, 'ms', 'flat'],
	keyP99: ['keypress → next image, fresh folder, p99', 'ms', 'flat'],
	keyRss: ['  peak RSS, label', 'bytes', 'total'],
	checkCold: ['check --json, cold (no cache)', 'ms', 'total'],
	checkColdRate: ['  files/s, cold', 'per-second', 'rate'],
	checkColdCpu: ['  CPU time, cold (user + system, all threads)', 'ms', 'total'],
	checkColdRss: ['  peak RSS, cold', 'bytes', 'total'],
	checkWarm: ['check --json, warm (all cached)', 'ms', 'total'],
	checkWarmRate: ['  files/s, warm', 'per-second', 'rate'],
	checkWarmCpu: ['  CPU time, warm', 'ms', 'total'],
	checkWarmRss: ['  peak RSS, warm', 'bytes', 'total'],
	resumeJournal: ['resume: journal of 1 entry per file, size', 'bytes', 'total'],
	resume: ['  first image, --guess off (median of 3)', 'ms', 'total'],
	resumeRss: ['  peak RSS, label until the scan is done', 'bytes', 'total'],
	resumeKeyP50: ['  keypress → next image, --guess builtin, p50', 'ms', 'flat'],
	resumeKeyP99: ['  keypress → next image, --guess builtin, p99', 'ms', 'flat'],
	resumeSettledP50: ['  keypress → screen settled, p50', 'ms', 'flat'],
	resumeKeyRss: ['  peak RSS, label', 'bytes', 'total'],
	resumeLearning: ['  first image, default guesses relearning (1 run)', 'ms', 'total'],
	resumeLearningRss: ['  peak RSS, until the scan is done or 120 s', 'bytes', 'total'],
	checkedKeyP50: ['keypress → next image, checked folder, p50', 'ms', 'flat'],
	checkedKeyP99: ['keypress → next image, checked folder, p99', 'ms', 'flat'],
	checkedKeyRss: ['  peak RSS, label', 'bytes', 'total'],
	commit: ['commit of half the files (imgsift commit)', 'ms', 'total'],
	commitRate: ['  moves/s', 'per-second', 'rate'],
	commitRss: ['  peak RSS, commit', 'bytes', 'total'],
} as const satisfies Record<string, readonly [string, FigureUnit, GrowthKind]>;

type RowId = keyof typeof rowSpecs;
type SizeFigures = Partial<Record<RowId, FigureValue>>;

export type ScaleBenchResult = {
	readonly counts: readonly [number, number];
	readonly rows: readonly ScaleRow[];
	readonly sets: readonly string[];
};

const count = (value: number) => value.toLocaleString('en-US');

function composition(set: BenchImages): string {
	const tally = new Map<string, number>();
	for (const kind of set.kinds) {
		tally.set(kind, (tally.get(kind) ?? 0) + 1);
	}

	const of = (kind: string) => count(tally.get(kind) ?? 0);
	return `${count(set.files.length)} files, ${formatBytes(set.bytes)}: ${of('photo')} JPEG photos, ${of('screenshot')} PNG screenshots, ${of('large-photo')} 12 MP JPEGs, ${of('duplicate')} exact copies, ${of('broken')} broken; ${count(scalePoolSize(set.files.length))} distinct renders, the rest copies with a marker (distinct SHA-1, same pixels); ${set.dir}`;
}

/**
Runs one measurement, whose values come in the order of `ids`; a failure is recorded in its rows
and the bench goes on with the next.
*/
async function attempt(
	figures: SizeFigures,
	ids: readonly RowId[],
	log: (line: string) => void,
	run: () => Promise<ReadonlyArray<number | undefined>>,
): Promise<void> {
	try {
		const values = await run();
		const shown = ids.map((id, index) => {
			const value = values[index] ?? Number.NaN;
			figures[id] = value;
			return `${rowSpecs[id][0].trim()} ${formatFigure(value, rowSpecs[id][1])}`;
		});
		log(shown.join('; '));
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		for (const id of ids) {
			figures[id] = `failed: ${reason.split('\n')[0] ?? ''}`;
		}

		log(`${rowSpecs[ids[0] ?? 'generation'][0].trim()} failed: ${reason}`);
	}
}

async function measureSize(
	files: number,
	log: (line: string) => void,
): Promise<{figures: SizeFigures; set: string}> {
	const figures: SizeFigures = {};
	const started = performance.now();
	const set = await ensureBenchImages({
		count: files,
		seed,
		replicas: 'copy',
		poolSize: scalePoolSize(files),
	});
	figures.generation = set.generated ? performance.now() - started : 'reused';
	log(`set: ${composition(set)} (${formatFigure(figures.generation, 'ms')})`);
	const keysOn = async (checked: boolean) => {
		const latency = await measureKeys(set, keys, checked);
		return [latency.keypress.p50, latency.keypress.p99, latency.peakRssBytes];
	};

	await attempt(figures, ['firstImage', 'firstImageRss'], log, async () => {
		const first = await measureFirstImageOn(set);
		return [first.ms, first.peakRssBytes];
	});
	await attempt(figures, ['scan', 'scanRss'], log, async () => {
		const scan = await measureScan(set);
		return [scan.ms, scan.peakRssBytes];
	});
	await attempt(figures, ['keyP50', 'keyP99', 'keyRss'], log, async () => keysOn(false));
	const checkIds = ['checkCold', 'checkColdRate', 'checkColdCpu', 'checkColdRss'] as const;
	const warmIds = ['checkWarm', 'checkWarmRate', 'checkWarmCpu', 'checkWarmRss'] as const;
	await attempt(figures, [...checkIds, ...warmIds], log, async () => {
		const passes = await measureCheck(set);
		return [passes.cold, passes.warm].flatMap((pass) => [
			pass.ms,
			(pass.files / pass.ms) * 1000,
			pass.cpuMs,
			pass.peakRssBytes,
		]);
	});
	const checkedKeyIds = ['checkedKeyP50', 'checkedKeyP99', 'checkedKeyRss'] as const;
	await attempt(figures, checkedKeyIds, log, async () => keysOn(true));
	const resumeIds = [
		'resumeJournal',
		'resume',
		'resumeRss',
		'resumeKeyP50',
		'resumeKeyP99',
		'resumeSettledP50',
		'resumeKeyRss',
		'resumeLearning',
		'resumeLearningRss',
	] as const;
	await attempt(figures, resumeIds, log, async () => {
		const resume = await measureResume(set, files, keys);
		return [
			resume.journalBytes,
			resume.guessOff.ms,
			resume.guessOff.peakRssBytes,
			resume.keys.keypress.p50,
			resume.keys.keypress.p99,
			resume.keys.settled.p50,
			resume.keys.peakRssBytes,
			resume.learning.ms,
			resume.learning.peakRssBytes,
		];
	});
	await attempt(figures, ['commit', 'commitRate', 'commitRss'], log, async () => {
		const commit = await measureCommit(set, Math.floor(files / 2));
		return [commit.ms, (commit.moved / commit.ms) * 1000, commit.peakRssBytes];
	});
	return {figures, set: composition(set)};
}

/** Measures both sizes, logging each figure as it lands, and returns the rows of the table. */
export async function runScaleBench(
	largeCount: number,
	log: (line: string) => void = () => undefined,
): Promise<ScaleBenchResult> {
	const counts = [scaleBaseCount, largeCount] as const;
	const small = await measureSize(counts[0], (line) => log(`[${count(counts[0])}] ${line}`));
	const large = await measureSize(counts[1], (line) => log(`[${count(counts[1])}] ${line}`));
	const rows = (Object.keys(rowSpecs) as RowId[]).map((id): ScaleRow => {
		const [figure, unit, kind] = rowSpecs[id];
		return {figure, unit, kind, small: small.figures[id] ?? '-', large: large.figures[id] ?? '-'};
	});
	return {counts, rows, sets: [small.set, large.set]};
}

export function formatScaleBench(result: ScaleBenchResult): string {
	const [small, large] = result.counts;
	return [
		formatScaleTable(result.rows, small, large),
		'',
		...result.sets.map((set) => `  set: ${set}`),
	].join('\n');
}
