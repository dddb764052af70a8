import {type FrameSource, GoneFileError, type LoadedItem} from '../render/item-loader.js';
import type {Overlay} from '../render/overlay-bytes.js';
import type {CellOrigin, ImageBox, ImageStatus} from './screen-contract.js';
import type {ItemDetails} from './snapshot.js';

export type {FrameSource, LoadedItem} from '../render/item-loader.js';
export {GoneFileError} from '../render/item-loader.js';
export type {Overlay} from '../render/overlay-bytes.js';

export type Painter = {
	setOverlay(overlay: Overlay | undefined, paint?: {readonly now: boolean}): void;
	/** Forgets the overlay without blanking its cells: Ink has already drawn over them. */
	dropOverlay?(): void;
};

/** Shows one item at a time: paints its frame centred in the reserved box, or says why it can't. */
export class ItemView {
	#box: ImageBox = {columns: 0, rows: 0};
	#origin: CellOrigin = {top: 0, left: 0};
	#path: string | undefined;
	#status: ImageStatus = {status: 'none'};
	#details: ItemDetails | undefined;

	readonly #frames: FrameSource;
	readonly #painter: Painter;
	readonly #changed: () => void;

	constructor(frames: FrameSource, painter: Painter, changed: () => void) {
		this.#frames = frames;
		this.#painter = painter;
		this.#changed = changed;
	}

	get status(): ImageStatus {
		return this.#status;
	}

	get details(): ItemDetails | undefined {
		return this.#details;
	}

	get box(): ImageBox {
		return this.#box;
	}

	setBox(box: ImageBox, origin: CellOrigin): void {
		const same =
			box.columns === this.#box.columns &&
			box.rows === this.#box.rows &&
			origin.top === this.#origin.top &&
			origin.left === this.#origin.left;
		this.#box = box;
		this.#origin = origin;
		if (!same) {
			// The box moves after Ink's frame for the new layout (help, resize) is on screen.
			this.#painter.dropOverlay?.();
			this.show(this.#path, true);
		}
	}

	/** Puts `path` on screen; cheap when it is already there. */
	show(path: string | undefined, force = false): void {
		if (path === this.#path && !force) {
			return;
		}

		this.#path = path;
		const boxed = this.#box.columns > 0 && this.#box.rows > 0;
		if (path === undefined || !boxed) {
			// Without a box the screen is the grid's, and so is the overlay: setBox dropped ours.
			if (boxed) this.#painter.setOverlay(undefined);
			this.#details = undefined;
			this.#setStatus(path === undefined ? {status: 'none'} : this.#status);
			return;
		}

		const found = this.#frames.peek(path, this.#box);
		if (found === undefined) {
			// Never leave the previous image up while the next one loads: it would be mislabeled.
			this.#painter.setOverlay(undefined);
			this.#details = undefined;
			this.#setStatus({status: 'loading'});
			const box = this.#box;
			this.#frames.get(path, box).then(
				() => this.#path === path && this.#box === box && this.show(path, true),
				() => this.#path === path && this.#box === box && this.show(path, true),
			);
			return;
		}

		this.#apply(found);
	}

	prefetch(paths: readonly string[]): void {
		if (this.#box.columns > 0 && this.#box.rows > 0) {
			this.#frames.prefetch(paths, this.#box);
		}
	}

	/** The file's size and mtime for the journal, loading it if a fast key beat the prefetch. */
	async detailsFor(path: string): Promise<LoadedItem['details'] | undefined> {
		if (this.#box.columns === 0 || this.#box.rows === 0) {
			return undefined;
		}

		try {
			return (await this.#frames.get(path, this.#box)).details;
		} catch {
			return undefined;
		}
	}

	#apply(found: LoadedItem | Error): void {
		if (found instanceof Error) {
			this.#painter.setOverlay(undefined);
			this.#details = undefined;
			const status = found instanceof GoneFileError ? 'gone' : 'broken';
			this.#setStatus({status, reason: found.message});
			return;
		}

		const top = this.#origin.top + Math.floor((this.#box.rows - found.rows) / 2);
		const left = this.#origin.left + Math.floor((this.#box.columns - found.columns) / 2);
		// Painted now, before the panel's frame is built: Ink's frame then rewrites only the
		// panel's changed lines and leaves the image's cells alone.
		this.#painter.setOverlay(
			{
				top,
				left,
				lines: found.lines,
				// Every line is `columns` cells: saying so spares the painter measuring 100 KB of SGR
				// text on each key to learn whether the old image covered the same cells (0.6 ms a key).
				width: found.width ?? found.columns,
				...(found.graphic === undefined ? {} : {graphic: found.graphic}),
			},
			{now: true},
		);
		this.#details = found.details;
		this.#setStatus({status: 'ready', columns: found.columns, rows: found.rows});
	}

	#setStatus(status: ImageStatus): void {
		this.#status = status;
		this.#changed();
	}
}
