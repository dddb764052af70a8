import {mkdir, readdir, rm, writeFile} from 'node:fs/promises';
import {loadavg, tmpdir} from 'node:os';
import path from 'node:path';
import sharp, {type Sharp} from 'sharp';
import {clearLabels} from './label-latency.js';
import {driveLabel, endsFrame, endsOverlay, frameWithDecided, imagePainted} from './pty-driver.js';
import {type Summary, summarize} from './stats.js';
import {mulberry32, renderPhoto} from './synthetic-images.js';
import {ensureTinySet} from './tiny-set.js';

/** 12 MP camera-size JPEGs only: the heaviest image the loop shows. Cached across runs. */
export async function ensureCameraSet(count = 24): Promise<string> {
	const dir = path.join(tmpdir(), `imgsift-bench-camera-${count}`);
	const present = await readdir(dir).catch(() => [] as string[]);
	if (present.includes('.complete')) {
		return dir;
	}

	await rm(dir, {recursive: true, force: true});
	await mkdir(dir, {recursive: true});
	const random = mulberry32(21);
	for (let index = 0; index < count; index++) {
		const name = `cam_${String(index).padStart(4, '0')}.jpg`;
		await writeFile(path.join(dir, name), await renderPhoto(random, 4000, 3000));
	}

	await writeFile(path.join(dir, '.complete'), '');
	return dir;
}

/**
The camera set, each image also turned three ways and mirrored: 120 distinct 12 MP JPEGs, so one
run has over 100 keys and its p99 is not simply its slowest key. Cached across runs.
*/
export async function ensureScreenSet(): Promise<string> {
	const base = await ensureCameraSet();
	const dir = `${base}-turned-120`;
	const present = await readdir(dir).catch(() => [] as string[]);
	if (present.includes('.complete')) {
		return dir;
	}

	await rm(dir, {recursive: true, force: true});
	await mkdir(dir, {recursive: true});
	const turns = [
		['0', (image: Sharp) => image],
		['90', (image: Sharp) => image.rotate(90)],
		['180', (image: Sharp) => image.rotate(180)],
		['270', (image: Sharp) => image.rotate(270)],
		['mirror', (image: Sharp) => image.flop()],
	] as const;
	for (const name of (await readdir(base)).filter((entry) => entry.endsWith('.jpg')).sort()) {
		for (const [turn, apply] of turns) {
			const target = path.join(dir, name.replace('.jpg', `_${turn}.jpg`));
			await apply(sharp(path.join(base, name)))
				.jpeg({quality: 85})
				.toFile(target);
		}
	}

	await writeFile(path.join(dir, '.complete'), '');
	return dir;
}

export type ScreenFigures = {
	readonly cols: number;
	readonly rows: number;
	/** Keypress to the last byte of the screen update (panel and image), output quiet after. */
	readonly settled: Summary;
	/** The first key after the start, alone: it runs React's and Ink's code for the first time. */
	readonly firstKeySettled: number;
	/** Keypress to the first byte of the answer: the part that is our process's own work. */
	readonly firstByte: Summary;
	/** Bytes written per keypress, from the key to the quiet. */
	readonly bytesPerKey: Summary;
	/**
	CPU time of the label process per key (all threads, 10 ms ticks, so read the mean): from the
	key until the screen settled, and in all (the prefetch of later images too). Unlike the
	latency, it does not grow with the machine's load.
	*/
	readonly cpuToSettledMs: number;
	readonly cpuPerKeyMs: number;
	/** Of that, the main thread's (JavaScript: the reducer, React, Ink, the painter). */
	readonly mainThreadPerKeyMs: number;
};

/** How long the output must stay silent before the screen counts as settled. */
const quietMs = 60;

/**
Keypress to the whole screen settled, the way a terminal sees it: bytes arriving on a pty until
the output goes quiet for 60 ms; the figure is the time of the last byte. Truecolor half-blocks.
*/
export async function measureWholeScreen(
	dir: string,
	keys: number,
	size = {cols: 140, rows: 45},
): Promise<ScreenFigures> {
	const images = (await readdir(dir, {recursive: true})).filter(
		(name) => /\.(jpe?g|png)$/i.test(name) && !name.startsWith('.labels'),
	).length;
	if (keys >= images) {
		// The last key would leave "Nothing left to label", never the frame this waits for.
		throw new Error(`measureWholeScreen: ${keys} keys need more than ${images} images in ${dir}`);
	}

	await clearLabels(dir);
	const session = driveLabel(
		dir,
		['--classes', 'photo,screenshot', '--no-commit-on-exit', '--colors', 'truecolor'],
		{},
		{columns: size.cols, rows: size.rows},
	);
	await session.until(imagePainted, undefined, endsOverlay);
	await session.quiet(quietMs * 4);
	const settled: number[] = [];
	const firstBytes: number[] = [];
	const bytes: number[] = [];
	let output = '';
	let cpuToSettled = 0;
	const cpuAtStart = session.cpuMs() ?? Number.NaN;
	const mainAtStart = session.cpuMs('main-thread') ?? Number.NaN;
	for (let decided = 1; decided <= keys; decided++) {
		const frameDone = frameWithDecided(decided);
		session.mark();
		const cpuBefore = session.cpuMs() ?? Number.NaN;
		const start = performance.now();
		session.write(decided % 2 === 0 ? '2' : '1');
		firstBytes.push((await session.until((text) => text.length > 0)) - start);
		await session.until(
			(text) => {
				output = text;
				return frameDone(text);
			},
			undefined,
			endsFrame,
		);
		const last = await session.quiet(quietMs);
		await session.until((text) => {
			output = text;
			return true;
		});
		cpuToSettled += (session.cpuMs() ?? Number.NaN) - cpuBefore;
		settled.push(last - start);
		bytes.push(Buffer.byteLength(output));
		// Let the prefetcher finish before the next key, as a person looking at the image would.
		await session.quiet(quietMs * 3);
	}

	const cpuPerKeyMs = ((session.cpuMs() ?? Number.NaN) - cpuAtStart) / keys;
	const mainThreadPerKeyMs = ((session.cpuMs('main-thread') ?? Number.NaN) - mainAtStart) / keys;
	await session.quit();
	await clearLabels(dir);
	return {
		...size,
		settled: summarize(settled),
		firstKeySettled: settled[0] ?? Number.NaN,
		firstByte: summarize(firstBytes),
		bytesPerKey: summarize(bytes),
		cpuToSettledMs: cpuToSettled / keys,
		cpuPerKeyMs,
		mainThreadPerKeyMs,
	};
}

const invokedDirectly = process.argv[1]?.endsWith('screen-latency.js') === true;
if (invokedDirectly) {
	// A folder may be named (its labels are cleared), or a count: that many tiny files from
	// bench/tiny-set.ts, e.g. `node build/bench/screen-latency.js 110 100000`.
	const folder = process.argv[3];
	const dir =
		folder === undefined
			? await ensureScreenSet()
			: /^\d+$/.test(folder)
				? (await ensureTinySet(Number(folder))).dir
				: folder;
	const figures = await measureWholeScreen(dir, Number(process.argv[2] ?? 110));
	const {settled, bytesPerKey} = figures;
	process.stdout.write(
		`whole screen settled at ${figures.cols}×${figures.rows}, ${settled.count} keys: p50 ${settled.p50.toFixed(1)} ms, p99 ${settled.p99.toFixed(1)} ms, max ${settled.max.toFixed(1)} ms, first key ${figures.firstKeySettled.toFixed(1)} ms (first byte p50 ${figures.firstByte.p50.toFixed(1)} ms); ${Math.round(bytesPerKey.p50 / 1024)} KiB per key; CPU per key ${figures.cpuToSettledMs.toFixed(1)} ms to settled, ${figures.cpuPerKeyMs.toFixed(1)} ms in all, main thread ${figures.mainThreadPerKeyMs.toFixed(1)} ms; load average ${loadavg()[0]?.toFixed(2)}\n`,
	);
}
