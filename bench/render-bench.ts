import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {gzipSync} from 'node:zlib';
import {shrinkToPixels} from '../source/image/index.js';
import {blocksRenderer} from '../source/render/blocks-renderer.js';
import type {CellBox, ColorMode} from '../source/render/types.js';
import {formatBytes, formatMs, type Summary, summarize} from './stats.js';

/** The bundled samples (real photos, screenshots and broken uploads), beside the built bench. */
export const samplesFolder = fileURLToPath(new URL('../../samples/', import.meta.url));

export type RenderBenchImage = {readonly label: string; readonly file: string};

export type RenderBenchOptions = {
	/** Images to render; defaults to a real photo and a screenshot from samples/. */
	readonly images?: readonly RenderBenchImage[];
	readonly box?: CellBox;
	/** Timed repetitions of each decode and each encode. */
	readonly runs?: number;
};

export type EncodeFigures = {
	readonly image: string;
	readonly colors: ColorMode;
	readonly columns: number;
	readonly rows: number;
	/** What one paint of the frame sends (UTF-8, without cursor moves). */
	readonly bytes: number;
	/** The same bytes gzipped, as over `ssh -C`. */
	readonly gzipBytes: number;
	readonly encodeMs: Summary;
};

export type DecodeFigures = {
	readonly image: string;
	readonly source: {readonly width: number; readonly height: number; readonly format: string};
	/** shrinkToPixels to the box's pixel size (shrink-on-load, orientation, flatten). */
	readonly shrinkMs: Summary;
};

export type RenderBenchResult = {
	readonly box: CellBox;
	readonly decode: readonly DecodeFigures[];
	readonly encode: readonly EncodeFigures[];
	/** The 256-colour budget per frame set for this project, and whether every image met it. */
	readonly budget256Bytes: number;
	readonly within256Budget: boolean;
};

const colorModes: readonly ColorMode[] = ['truecolor', '256', '16'];
const budget256Bytes = 60_000;

async function timeAsync(runs: number, action: () => Promise<unknown>): Promise<number[]> {
	const times: number[] = [];
	for (let run = 0; run < runs; run++) {
		const start = performance.now();
		await action();
		times.push(performance.now() - start);
	}
	return times;
}

/** Decode and encode cost of one half-block frame, and its size, per image and colour mode. */
export async function runRenderBench(options: RenderBenchOptions = {}): Promise<RenderBenchResult> {
	const {
		images = [
			{label: 'photo img_0001.jpg', file: path.join(samplesFolder, 'img_0001.jpg')},
			{label: 'screenshot img_0022.png', file: path.join(samplesFolder, 'img_0022.png')},
		],
		box = {columns: 80, rows: 40},
		runs = 30,
	} = options;
	const decode: DecodeFigures[] = [];
	const encode: EncodeFigures[] = [];
	for (const {label, file} of images) {
		const pixelBox = blocksRenderer('truecolor').cellPixels(box);
		const pixels = await shrinkToPixels(file, pixelBox); // warm-up, and the pixels to encode
		const shrinkTimes = await timeAsync(runs, () => shrinkToPixels(file, pixelBox));
		const {width, height, format} = pixels.source;
		decode.push({image: label, source: {width, height, format}, shrinkMs: summarize(shrinkTimes)});
		for (const colors of colorModes) {
			const renderer = blocksRenderer(colors);
			let frame = renderer.encode(pixels, box);
			const times: number[] = [];
			for (let run = 0; run < runs; run++) {
				const start = performance.now();
				frame = renderer.encode(pixels, box);
				times.push(performance.now() - start);
			}
			encode.push({
				image: label,
				colors,
				columns: frame.columns,
				rows: frame.rows,
				bytes: frame.bytes,
				gzipBytes: gzipSync(frame.lines.join('')).length,
				encodeMs: summarize(times),
			});
		}
	}
	const within256Budget = encode
		.filter((figures) => figures.colors === '256')
		.every((figures) => figures.bytes < budget256Bytes);
	return {box, decode, encode, budget256Bytes, within256Budget};
}

/** The figures as a few lines of text for the bench report. */
export function formatRenderBench(result: RenderBenchResult): string {
	const lines = [`Half-block frames in a ${result.box.columns}×${result.box.rows} cell box`];
	for (const {image, source, shrinkMs} of result.decode) {
		lines.push(
			`  decode ${image} (${source.width}×${source.height} ${source.format}): ` +
				`p50 ${formatMs(shrinkMs.p50)}, p99 ${formatMs(shrinkMs.p99)}`,
		);
	}
	for (const figures of result.encode) {
		lines.push(
			`  encode ${figures.image} ${figures.colors.padEnd(9)} ${figures.columns}×${figures.rows}: ` +
				`${formatBytes(figures.bytes)} (${formatBytes(figures.gzipBytes)} gzipped), ` +
				`p50 ${formatMs(figures.encodeMs.p50)}, p99 ${formatMs(figures.encodeMs.p99)}`,
		);
	}
	const verdict = result.within256Budget ? 'met' : 'MISSED';
	lines.push(`  256-colour budget ${formatBytes(result.budget256Bytes)} per frame: ${verdict}`);
	return lines.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	console.log(formatRenderBench(await runRenderBench()));
}
