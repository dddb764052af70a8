import type {GridCell} from '../core/grid/grid-page.js';
import type {GridCellBox} from '../render/grid-layout.js';
import {mosaicOf} from '../render/grid-mosaic.js';
import type {FrameSource, LoadedItem} from '../render/item-loader.js';
import type {RenderedFrame} from '../render/types.js';
import type {Painter} from './item-view.js';

/** Scales truecolor SGR colours (`38;2;r;g;b`, `48;2;r;g;b`) to dim a marked cell's thumbnail. */
export function dimTruecolor(line: string, factor: number): string {
	return line.replace(/([34]8;2;)(\d+);(\d+);(\d+)/g, (_match, prefix: string, r, g, b) =>
		[r, g, b].reduce(
			(text: string, value: string, index) =>
				`${text}${index === 0 ? '' : ';'}${Math.round(Number(value) * factor)}`,
			prefix,
		),
	);
}

function asFrame(item: LoadedItem, marked: boolean): RenderedFrame | undefined {
	if (item.width !== undefined && !item.graphic) {
		// iTerm2 and sixel: one image sequence, placed in its own cell; a marked cell shows Ink's ✗.
		return marked
			? undefined
			: {columns: item.columns, rows: item.rows, lines: item.lines, bytes: 0, opaqueLines: true};
	}

	const truecolor = item.lines.some((line) => line.includes('8;2;'));
	if (marked && !truecolor) {
		// Only truecolor can be dimmed in place; elsewhere the screen's "✗" shows in the empty cell.
		return undefined;
	}

	const lines = marked ? item.lines.map((line) => dimTruecolor(line, 0.3)) : item.lines;
	return {
		columns: item.columns,
		rows: item.rows,
		lines,
		bytes: 0,
		...(item.graphic ? {graphic: item.graphic} : {}),
	};
}

/** The overlay painter, which can also upload a kitty image ahead of its first paint. */
export type GridPainter = Painter & {preload?(graphic: NonNullable<LoadedItem['graphic']>): void};

/**
Paints a page's thumbnails as one overlay, beside Ink like the single view's image: each cell's
frame as soon as it is loaded, marked cells dimmed. Also prepares the next pages' thumbnails.
*/
export class GridPaint {
	readonly #frames: FrameSource;
	readonly #painter: GridPainter;
	readonly #changed: () => void;
	#boxes: readonly GridCellBox[] = [];
	#cells: readonly GridCell[] = [];
	/** What the last paint showed: the boxes, then per cell its loaded frame and whether marked. */
	#painted: readonly unknown[] | undefined;

	constructor(frames: FrameSource, painter: GridPainter, changed: () => void) {
		this.#frames = frames;
		this.#painter = painter;
		this.#changed = changed;
	}

	get boxes(): readonly GridCellBox[] {
		return this.#boxes;
	}

	/** Where the cells are; called again after a resize (which wiped the screen): paints afresh. */
	setBoxes(boxes: readonly GridCellBox[]): void {
		const wasPainting = this.#boxes.length > 0;
		this.#boxes = boxes;
		this.#painted = undefined;
		if (wasPainting) {
			// Ink has already drawn the new layout (help, a resize): blank the old cells under it.
			if (this.#painter.dropOverlay) {
				this.#painter.dropOverlay();
			} else {
				this.#painter.setOverlay(undefined);
			}
		}

		if (boxes.length > 0) {
			this.show(this.#cells);
		}
	}

	/** Shows these cells: what is loaded now, the rest as it arrives. */
	show(cells: readonly GridCell[]): void {
		this.#cells = cells;
		const box = this.#boxes[0]?.image;
		if (!box) {
			return;
		}

		for (const cell of cells) {
			if (this.#frames.peek(cell.path, box) === undefined) {
				void this.#frames.get(cell.path, box).then(
					() => this.#paintIfCurrent(cell.path),
					() => this.#paintIfCurrent(cell.path),
				);
			}
		}

		this.#paint();
	}

	/** Starts loading the thumbnails of pages to come. */
	prefetch(paths: readonly string[]): void {
		const box = this.#boxes[0]?.image;
		if (box && paths.length > 0) {
			this.#frames.prefetch(paths, box);
		}
	}

	/** The loaded file's size and mtime, for the journal. */
	async detailsFor(path: string): Promise<LoadedItem['details'] | undefined> {
		const box = this.#boxes[0]?.image;
		return box
			? this.#frames.get(path, box).then(
					(item) => item.details,
					() => undefined,
				)
			: undefined;
	}

	#paintIfCurrent(path: string): void {
		if (this.#cells.some((cell) => cell.path === path)) {
			this.#paint();
			this.#changed();
		}
	}

	/**
	What a paint would show, compared by identity: cheap enough to run on every emit (guesses
	arrive often), so the mosaic is built and written only when a frame loaded or a mark changed.
	*/
	#signature(): unknown[] {
		const signature: unknown[] = [this.#boxes];
		for (const [index, cell] of this.#cells.entries()) {
			const box = this.#boxes[index];
			if (box) {
				signature.push(this.#frames.peek(cell.path, box.image), cell.mark.kind !== 'none');
			}
		}

		return signature;
	}

	#paint(): void {
		const signature = this.#signature();
		const last = this.#painted;
		if (last?.length === signature.length && signature.every((part, at) => part === last[at])) {
			return;
		}

		this.#painted = signature;
		const placed = this.#cells.flatMap((cell, index) => {
			const box = this.#boxes[index];
			if (!box) {
				return [];
			}

			const loaded = this.#frames.peek(cell.path, box.image);
			const frame =
				loaded && !(loaded instanceof Error)
					? asFrame(loaded, cell.mark.kind !== 'none')
					: undefined;
			return [{image: box.image, frame}];
		});
		const mosaic = mosaicOf(placed);
		for (const graphic of mosaic?.graphics ?? []) {
			this.#painter.preload?.(graphic);
		}

		this.#painter.setOverlay(
			mosaic
				? {
						top: mosaic.top,
						left: mosaic.left,
						lines: mosaic.lines,
						...(mosaic.width === undefined ? {} : {width: mosaic.width}),
						...(mosaic.lineWidths === undefined ? {} : {lineWidths: mosaic.lineWidths}),
					}
				: undefined,
		);
	}
}
