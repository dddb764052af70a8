/**
Bytes of a truecolor half-block frame with every colour exact and with the renderer's near-colour
tolerance, on the same pixels: the bundled samples (real photos and screenshots) and the 12 MP
camera set of the whole-screen bench. `node build/bench/near-color-bench.js [folder ...]`.
*/
import {readdir} from 'node:fs/promises';
import path from 'node:path';
import {shrinkToPixels} from '../source/image/index.js';
import {nearColorTolerance} from '../source/render/blocks-renderer.js';
import {encodeHalfBlocks} from '../source/render/half-blocks.js';
import {samplesFolder} from './render-bench.js';
import {ensureCameraSet} from './screen-latency.js';

export type NearColorFigures = {
	readonly folder: string;
	readonly images: number;
	/** Mean UTF-8 bytes of one frame. */
	readonly exactBytes: number;
	readonly nearBytes: number;
};

/** The whole-screen bench's image area at 140×45: 108 columns, 42 rows (84 pixel rows). */
const box = {width: 108, height: 84};

export async function measureNearColor(folder: string): Promise<NearColorFigures> {
	const names = (await readdir(folder)).filter((name) => /\.(jpe?g|png|webp)$/i.test(name));
	let exactBytes = 0;
	let nearBytes = 0;
	let images = 0;
	for (const name of names) {
		const shrunk = await shrinkToPixels(path.join(folder, name), box).catch(() => undefined);
		if (!shrunk) continue; // The samples hold broken uploads on purpose.
		const bytes = (tolerance: number) =>
			Buffer.byteLength(encodeHalfBlocks(shrunk, {colors: 'truecolor', tolerance}).join(''));
		exactBytes += bytes(0);
		nearBytes += bytes(nearColorTolerance);
		images++;
	}

	return {folder, images, exactBytes: exactBytes / images, nearBytes: nearBytes / images};
}

export async function runNearColorBench(folders?: readonly string[]): Promise<NearColorFigures[]> {
	const figures: NearColorFigures[] = [];
	for (const folder of folders ?? [samplesFolder, await ensureCameraSet()]) {
		figures.push(await measureNearColor(folder));
	}

	return figures;
}

export function formatNearColor({folder, images, exactBytes, nearBytes}: NearColorFigures): string {
	const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
	const fewer = Math.round((1 - nearBytes / exactBytes) * 100);
	return `${path.basename(folder)} (${images} images): ${kib(exactBytes)} exact → ${kib(nearBytes)} within ${nearColorTolerance} levels (${fewer}% fewer)`;
}

const invokedDirectly = process.argv[1]?.endsWith('near-color-bench.js') === true;
if (invokedDirectly) {
	const folders = process.argv.slice(2);
	for (const figures of await runNearColorBench(folders.length > 0 ? folders : undefined)) {
		process.stdout.write(`${formatNearColor(figures)}\n`);
	}
}
