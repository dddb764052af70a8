import {writeFile} from 'node:fs/promises';
import path from 'node:path';
import {Writable} from 'node:stream';
import type {TestContext} from 'node:test';
import sharp from 'sharp';
import {isOpen, type SessionState} from '../../source/core/session-state.js';
import {chooseRenderer, createRenderer} from '../../source/render/choose.js';
import {type GridCellBox, gridLayoutFor} from '../../source/render/grid-layout.js';
import {createFrameCache, createOverlayStdout} from '../../source/render/index.js';
import {frameSourceOf, type LoadedItem, loadItem} from '../../source/render/item-loader.js';
import {GridController} from '../../source/session/grid-controller.js';
import {GridPaint} from '../../source/session/grid-paint.js';
import type {GuessLink} from '../../source/session/guess-link.js';
import type {SessionStore} from '../../source/session/session-store.js';
import {texturePixels} from './image-files.js';
import {makeTempDir} from './temp-dir.js';

/**
`count` small JPEGs named img_000.jpg… in path order, each from its own noise (no two alike, so
none is an exact copy of another), in a temp folder removed when the test ends.
*/
export async function distinctImages(
	t: TestContext,
	count: number,
): Promise<{dir: string; paths: string[]}> {
	const dir = await makeTempDir(t, 'imgsift-grid-');
	const paths: string[] = [];
	for (let index = 0; index < count; index++) {
		const name = `img_${String(index).padStart(3, '0')}.jpg`;
		await sharp(texturePixels(24, 16, index + 1), {raw: {width: 24, height: 16, channels: 3}})
			.resize(96, 64, {kernel: 'nearest'})
			.jpeg({quality: 80})
			.toFile(path.join(dir, name));
		paths.push(name);
	}

	return {dir, paths};
}

/** A predictions CSV (outside the folder) guessing each image a photo, at `confidence(index)`. */
export async function photoPredictions(
	t: TestContext,
	paths: readonly string[],
	confidence: (index: number) => number,
): Promise<string> {
	const file = path.join(await makeTempDir(t, 'imgsift-predictions-'), 'predictions.csv');
	const rows = paths.map((item, index) => `${item},photo,${confidence(index).toFixed(4)}`);
	await writeFile(file, `path,label,confidence\n${rows.join('\n')}\n`);
	return file;
}

/** A real stream standing in for a `columns`×`rows` TTY; what reaches it is dropped. */
export function terminalStream(columns: number, rows: number): NodeJS.WriteStream {
	const stream = new Writable({
		write(_chunk, _encoding, done) {
			done();
		},
	});
	Object.assign(stream, {isTTY: true, columns, rows});
	return stream as unknown as NodeJS.WriteStream;
}

/** The grid's cells at this terminal size, as the screen reports them when the grid is shown. */
export function gridCells(columns: number, rows: number): readonly GridCellBox[] {
	const layout = gridLayoutFor({columns, rows});
	if (layout.kind !== 'grid') throw new Error(`no grid at ${columns}×${rows}`);
	return layout.cells;
}

/** Items the session may show now (claimed here and undecided, in a team session). */
export function openItems(state: SessionState): string[] {
	const found: string[] = [];
	for (let position = 0; position < state.catalog.length; position++) {
		const item = state.catalog.paths[position];
		if (item !== undefined && isOpen(state, item)) found.push(item);
	}

	return found;
}

/**
A GridController on `store` as the label screen builds it, painting truecolor half-blocks into a
140×45 stream that drops what it gets; its frames load `ahead` thumbnails and keep `max`.
*/
export function blocksGridController(options: {
	dir: string;
	store: SessionStore;
	guesses: GuessLink;
	ahead: number;
	max: number;
}) {
	const {dir, store, guesses, ahead, max} = options;
	const renderer = createRenderer(
		chooseRenderer(
			{replies: {kitty: false}, answered: false},
			{COLORTERM: 'truecolor'},
			{render: 'blocks', colors: 'auto', lowBandwidth: false},
		),
	);
	const overlay = createOverlayStdout(terminalStream(140, 45), {deferPaint: true});
	const frames = frameSourceOf(
		createFrameCache<LoadedItem>({
			load: async (item, box) => loadItem(dir, renderer, item, box, overlay.preload),
			ahead,
			max,
		}),
	);
	const grid = new GridController({
		dir,
		store,
		guesses,
		paint: new GridPaint(frames, overlay, () => undefined),
		restore: async () => undefined,
	});
	return {grid, frames};
}
