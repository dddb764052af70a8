import {readdir} from 'node:fs/promises';
import path from 'node:path';
import {Writable} from 'node:stream';
import {pathToFileURL} from 'node:url';
import {gzipSync} from 'node:zlib';
import {shrinkToPixels} from '../source/image/index.js';
import {asciiRenderer} from '../source/render/ascii.js';
import {blocksRenderer} from '../source/render/blocks-renderer.js';
import {itermRenderer} from '../source/render/iterm.js';
import {kittyRenderer} from '../source/render/kitty.js';
import {encodeForRenderer} from '../source/render/load-frame.js';
import {createOverlayStdout} from '../source/render/painter.js';
import {createFrameCache} from '../source/render/prefetch.js';
import {sixelRenderer} from '../source/render/sixel.js';
import {symbolsRenderer} from '../source/render/symbols.js';
import type {CellBox, RenderedFrame, Renderer} from '../source/render/types.js';
import {samplesFolder} from './render-bench.js';
import {formatBytes, formatMs, type Summary, summarize} from './stats.js';

const cell = {width: 10, height: 20};

export type GraphicsBenchOptions = {
	readonly box?: CellBox;
	/** Timed encodes per image. */
	readonly runs?: number;
	/** Keypresses per renderer in the latency run. */
	readonly keys?: number;
	/** Milliseconds between keys: a fast labeler; prefetch has this long to stay ahead. */
	readonly paceMs?: number;
};

export type RendererFigures = {
	readonly renderer: string;
	/** Mean over the sample photo and screenshot: what one image costs on the wire. */
	readonly bytesPerImage: number;
	readonly gzipBytesPerImage: number;
	/** Of that, what a keypress sends once the image was transmitted ahead (kitty: placeholders). */
	readonly bytesPerKeypress: number;
	/** Encoding shrunk pixels (for iTerm2 including the JPEG). */
	readonly encodeMs: Summary;
	/** Key to the frame's bytes handed to the terminal stream, images prefetched 4 ahead. */
	readonly keypressMs: Summary;
};

export type GraphicsBenchResult = {
	readonly box: CellBox;
	readonly paceMs: number;
	readonly renderers: readonly RendererFigures[];
};

function renderers(): Renderer[] {
	return [
		blocksRenderer('truecolor'),
		blocksRenderer('256'),
		blocksRenderer('16'),
		symbolsRenderer('256', 'quadrant'),
		symbolsRenderer('256', 'sextant'),
		asciiRenderer(),
		kittyRenderer({cell, insideTmux: false}),
		kittyRenderer({cell, insideTmux: true}),
		itermRenderer({cell}),
		sixelRenderer({cell}),
	];
}

const wireBytes = (frame: RenderedFrame) => frame.bytes;
const paintBytes = (frame: RenderedFrame) =>
	frame.graphic ? frame.lines.reduce((sum, line) => sum + Buffer.byteLength(line), 0) : frame.bytes;

async function encodeFigures(
	renderer: Renderer,
	files: readonly string[],
	box: CellBox,
	runs: number,
) {
	const times: number[] = [];
	let bytes = 0;
	let gzipBytes = 0;
	let keypressBytes = 0;
	for (const file of files) {
		const pixels = await shrinkToPixels(file, renderer.cellPixels(box));
		let frame = await encodeForRenderer(renderer, pixels, box);
		for (let run = 0; run < runs; run++) {
			const start = performance.now();
			frame = await encodeForRenderer(renderer, pixels, box);
			times.push(performance.now() - start);
		}
		bytes += wireBytes(frame);
		gzipBytes += gzipSync((frame.graphic?.transmit ?? '') + frame.lines.join('')).length;
		keypressBytes += paintBytes(frame);
	}
	return {
		bytesPerImage: Math.round(bytes / files.length),
		gzipBytesPerImage: Math.round(gzipBytes / files.length),
		bytesPerKeypress: Math.round(keypressBytes / files.length),
		encodeMs: summarize(times),
	};
}

/** The labeling hot path without Ink: prefetching cache, then the painter writing the next frame. */
async function keypressFigures(
	renderer: Renderer,
	files: readonly string[],
	box: CellBox,
	keys: number,
	paceMs: number,
): Promise<Summary> {
	const sink = new Writable({write: (_chunk, _encoding, done) => done()});
	Object.assign(sink, {isTTY: true, columns: 120, rows: 40});
	const painter = createOverlayStdout(sink as unknown as NodeJS.WriteStream);
	const cache = createFrameCache<RenderedFrame>({
		load: async (file, cellBox) => {
			const frame = await encodeForRenderer(
				renderer,
				await shrinkToPixels(file, renderer.cellPixels(cellBox)),
				cellBox,
			);
			if (frame.graphic) painter.preload(frame.graphic);
			return frame;
		},
		ahead: 4,
		max: 32,
	});
	const times: number[] = [];
	// The first image is on screen before the first key, as in a session.
	await cache.get(files[0] ?? '', box);
	for (let key = 0; key < keys; key++) {
		const shown = key % files.length;
		cache.prefetch(
			Array.from({length: 4}, (_, step) => files[(shown + 1 + step) % files.length] ?? ''),
			box,
		);
		// Timed from when the key is due, so a prefetch encode blocking the thread counts too.
		const start = performance.now() + paceMs;
		await new Promise((resolve) => setTimeout(resolve, paceMs));
		const file = files[(shown + 1) % files.length] ?? '';
		const frame = cache.peek(file, box) ?? (await cache.get(file, box));
		painter.setOverlay({
			top: 0,
			left: 0,
			lines: frame.lines,
			...(frame.graphic || frame.opaqueLines ? {width: frame.columns} : {}),
			...(frame.graphic ? {graphic: frame.graphic} : {}),
		});
		times.push(Math.max(0, performance.now() - start));
	}
	painter.releaseGraphics();
	return summarize(times);
}

/** Per renderer: bytes per 80×40 frame, encode time, and key-to-frame-written with prefetch. */
export async function runGraphicsBench(
	options: GraphicsBenchOptions = {},
): Promise<GraphicsBenchResult> {
	const {box = {columns: 80, rows: 40}, runs = 10, keys = 40, paceMs = 150} = options;
	const names = (await readdir(samplesFolder))
		.filter((name) => /\.(jpe?g|png)$/i.test(name))
		.sort();
	const all = names.map((name) => path.join(samplesFolder, name));
	const pair = ['img_0001.jpg', 'img_0022.png'].map((name) => path.join(samplesFolder, name));
	const figures: RendererFigures[] = [];
	for (const renderer of renderers()) {
		const encoded = await encodeFigures(renderer, pair, box, runs);
		const keypressMs = await keypressFigures(renderer, all, box, keys, paceMs);
		figures.push({renderer: renderer.name, ...encoded, keypressMs});
	}
	return {box, paceMs, renderers: figures};
}

export function formatGraphicsBench(result: GraphicsBenchResult): string {
	const lines = [
		`Renderers, ${result.box.columns}×${result.box.rows} cells (cell ${cell.width}×${cell.height} px); keys every ${result.paceMs} ms, 4 prefetched`,
	];
	for (const figures of result.renderers) {
		lines.push(
			`  ${figures.renderer.padEnd(16)} ${formatBytes(figures.bytesPerImage).padStart(9)}/image` +
				` (${formatBytes(figures.gzipBytesPerImage)} gz, ${formatBytes(figures.bytesPerKeypress)} per key)` +
				`  encode p50 ${formatMs(figures.encodeMs.p50)} p99 ${formatMs(figures.encodeMs.p99)}` +
				`  key→written p50 ${formatMs(figures.keypressMs.p50)} p99 ${formatMs(figures.keypressMs.p99)}`,
		);
	}
	return lines.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	console.log(formatGraphicsBench(await runGraphicsBench()));
}
