import {mkdir, readdir, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {ensureBenchImages} from './generate.js';
import {driveLabel, endsFrame, endsOverlay, frameWithDecided, imagePainted} from './pty-driver.js';
import {type Summary, summarize} from './stats.js';
import {mulberry32, renderPhoto, renderScreenshot} from './synthetic-images.js';

/**
A realistic mix for latency: 12 MP camera JPEGs, phone-size PNG screenshots and ordinary photos,
interleaved so every few keys hit a heavy decode. Cached across runs.
*/
export async function ensureLatencySet(count = 90): Promise<string> {
	const dir = path.join(tmpdir(), `imgsift-bench-latency-${count}`);
	const done = path.join(dir, '.complete');
	const present = await readdir(dir).catch(() => [] as string[]);
	if (present.includes('.complete')) {
		return dir;
	}

	await rm(dir, {recursive: true, force: true});
	await mkdir(dir, {recursive: true});
	const random = mulberry32(7);
	for (let index = 0; index < count; index++) {
		const kind = index % 3;
		const name = `img_${String(index).padStart(4, '0')}`;
		const content =
			kind === 0
				? await renderPhoto(random, 4000, 3000)
				: kind === 1
					? await renderScreenshot(random, 1170, 2532)
					: await renderPhoto(random, 1600, 1200);
		await writeFile(path.join(dir, `${name}.${kind === 1 ? 'png' : 'jpg'}`), content);
	}

	await writeFile(done, '');
	return dir;
}

export type LatencyFigures = {
	readonly files: number;
	readonly paceMs: number;
	readonly firstImageMs: number;
	/** Keypress to the next image's cells fully written. */
	readonly keypress: Summary;
	/** Keypress to the whole screen settled: side panel text redrawn and the image repainted. */
	readonly settled: Summary;
	readonly peakRssBytes: number | undefined;
};

/** Removes what labeling left in `dir/.labels`, but for the entries named in `keep`. */
export async function clearLabels(dir: string, keep: readonly string[] = []): Promise<void> {
	const labels = path.join(dir, '.labels');
	if (keep.length === 0) {
		await rm(labels, {recursive: true, force: true});
		return;
	}

	const entries = await readdir(labels).catch(() => [] as string[]);
	for (const entry of entries.filter((name) => !keep.includes(name))) {
		await rm(path.join(labels, entry), {recursive: true, force: true});
	}
}

export type KeypressOptions = {
	/** Entries of `.labels` that survive the reset before and after, such as `check-cache.jsonl`. */
	readonly keep?: readonly string[];
	/**
	Resume the folder's project and journal as they are (no reset, no --classes, these extra
	arguments): the keys then add to the decisions already made.
	*/
	readonly resume?: {readonly args: readonly string[]};
};

/** The decided count the side panel shows last in `output` (`1,234/10,000`), if any. */
export function decidedShown(output: string): number | undefined {
	const shown = [...output.matchAll(/(?<![\d,])([\d,]+)\/[\d,]+/g)].at(-1)?.[1];
	return shown === undefined ? undefined : Number(shown.replaceAll(',', ''));
}

/**
Keypress to next image fully written, and to the whole screen settled (Ink's text frame and the
image repainted over it), measured on the pty's output stream. `paceMs` is the pause between keys;
0 sends each key as soon as the last frame is done.
*/
export async function measureKeypressLatency(
	dir: string,
	keys: number,
	paceMs: number,
	colors: 'truecolor' | '256' = 'truecolor',
	options: KeypressOptions = {},
): Promise<LatencyFigures> {
	const {keep = [], resume} = options;
	const reset = async () => (resume ? undefined : clearLabels(dir, keep));
	await reset();
	const session = driveLabel(dir, [
		...(resume ? resume.args : ['--classes', 'photo,screenshot']),
		'--no-commit-on-exit',
		'--colors',
		colors,
	]);
	const firstImageAt = await session.until(imagePainted, undefined, endsOverlay);
	// A resumed session counts on from the decisions it replayed.
	let before = 0;
	if (resume) {
		await session.until((output) => {
			before = decidedShown(output) ?? -1;
			return before >= 0;
		});
	}
	const latencies: number[] = [];
	const settled: number[] = [];
	for (let decided = 1; decided <= keys; decided++) {
		if (paceMs > 0) {
			await new Promise((resolve) => {
				setTimeout(resolve, paceMs);
			});
		}

		const frameDone = frameWithDecided(before + decided);
		session.mark();
		const start = performance.now();
		session.write(decided % 2 === 0 ? '2' : '1');
		latencies.push((await session.until(imagePainted, undefined, endsOverlay)) - start);
		settled.push((await session.until(frameDone, undefined, endsFrame)) - start);
	}

	const peakRssBytes = session.peakRss();
	await session.quit();
	await reset();
	return {
		files: (await readdir(dir)).length,
		paceMs,
		firstImageMs: firstImageAt - session.startedAt,
		keypress: summarize(latencies),
		settled: summarize(settled),
		peakRssBytes,
	};
}

export type FirstImageFigures = {
	readonly files: number;
	readonly firstImageMs: number;
	readonly peakRssBytes: number | undefined;
};

/**
A test for `Driven.until` that finds `text` in output that only grows, searching only what is new:
a busy screen writes megabytes, and searching all of it per chunk would slow the reader until
the pty pushes back on the app being measured.
*/
export function textSeen(text: string): (output: string) => boolean {
	let searched = 0;
	return (output) => {
		const from = Math.max(0, Math.min(searched, output.length) - text.length + 1);
		searched = output.length;
		return output.includes(text, from);
	};
}

/**
Start of `imgsift label` to the first image painted on `dir` as it is (an existing `.labels` is
resumed), and peak RSS once the scan is done.
*/
export async function timeToFirstImage(
	dir: string,
	files: number,
	extraArgs: readonly string[] = ['--classes', 'photo,screenshot'],
	timeoutMs = 60_000,
): Promise<FirstImageFigures> {
	// --colors named: no emulator answers here, and an unanswered colour probe waits its full timeout.
	const session = driveLabel(dir, [...extraArgs, '--no-commit-on-exit', '--colors', 'truecolor']);
	const at = await session.until(imagePainted, timeoutMs, endsOverlay);
	// Let the scan finish so the peak memory covers the whole catalog.
	// The side panel shows a percentage only once the scan is done.
	await session.until(textSeen('%'), 120_000).catch(() => undefined);
	const peakRssBytes = session.peakRss();
	await session.quit();
	return {files, firstImageMs: at - session.startedAt, peakRssBytes};
}

export type FirstImageRuns = FirstImageFigures & {
	/** Each run's first image, in run order: the box is shared, one start says little. */
	readonly runsMs: readonly number[];
};

/**
Start of the process to the first image painted, on a generated set of `count` files, fresh each
time: the median of `runs` starts, and the highest peak RSS.
*/
export async function measureFirstImage(count: number, runs = 3): Promise<FirstImageRuns> {
	const images = await ensureBenchImages({count, seed: 1, replicas: 'link'});
	const all: FirstImageFigures[] = [];
	for (let run = 0; run < runs; run++) {
		await rm(path.join(images.dir, '.labels'), {recursive: true, force: true});
		all.push(await timeToFirstImage(images.dir, count));
	}

	await rm(path.join(images.dir, '.labels'), {recursive: true, force: true});
	const runsMs = all.map((figures) => figures.firstImageMs);
	const peaks = all.flatMap((figures) => figures.peakRssBytes ?? []);
	return {
		files: count,
		firstImageMs: summarize(runsMs).p50,
		runsMs,
		peakRssBytes: peaks.length > 0 ? Math.max(...peaks) : undefined,
	};
}
