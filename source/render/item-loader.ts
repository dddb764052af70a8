/**
The loader pipeline behind the label screen: stat, shrink-on-load decode (sharp, off the main
thread), encode for the chosen renderer, and hand graphics to the terminal as soon as they are ready.
*/
import {stat} from 'node:fs/promises';
import path from 'node:path';
import {fileIdentity, type ItemStat} from '../core/journal-record.js';
import {type ShrunkImage, shrinkThumbnail, shrinkToPixels} from '../image/index.js';
import {errorCode} from '../shared/fs-errors.js';
import {encodeForRenderer} from './load-frame.js';
import type {FrameCache} from './prefetch.js';
import type {GraphicPayload, Renderer} from './types.js';

/** Cells the image may cover (the session's ImageBox). */
type ImageBox = {readonly columns: number; readonly rows: number};

/** A decoded, shrunk and encoded image, ready to paint, with what the journal needs about the file. */
export type LoadedItem = {
	readonly lines: readonly string[];
	/** Cells each line covers when the lines are not plain text (graphics protocols). */
	readonly width?: number;
	/** The image a graphics terminal stores apart from the cells (kitty). */
	readonly graphic?: GraphicPayload;
	readonly columns: number;
	readonly rows: number;
	/** The file's identity for the journal (size, mtime, ctime, inode) and the picture's facts. */
	readonly details: Omit<ItemStat, 'path'> & {
		readonly width?: number;
		readonly height?: number;
		readonly format?: string;
	};
};

export type FrameSource = {
	/** Synchronous look-up for the hot path: a loaded item, the load's error, or undefined. */
	peek(path: string, box: ImageBox): LoadedItem | Error | undefined;
	get(path: string, box: ImageBox): Promise<LoadedItem>;
	prefetch(paths: readonly string[], box: ImageBox): void;
};

/** A file of the scan that is no longer there: it cannot be shown, decided or moved, only skipped. */
export class GoneFileError extends Error {
	override readonly name = 'GoneFileError';
}

export async function loadItem(
	dir: string,
	renderer: Renderer,
	itemPath: string,
	box: ImageBox,
	preload: (graphic: GraphicPayload) => void,
	/** The small decode the image's guess was made from, if kept: reused when big enough. */
	thumbnail?: ShrunkImage,
): Promise<LoadedItem> {
	const absolute = path.join(dir, itemPath);
	const pixels = renderer.cellPixels(box);
	const shrinking = (thumbnail ? shrinkThumbnail(thumbnail, pixels) : Promise.resolve(undefined))
		.catch(() => undefined)
		.then(async (reused) => reused ?? shrinkToPixels(absolute, pixels));
	// Handled now, not when awaited: a gone file fails the decode before the stat below returns.
	shrinking.catch(() => undefined);
	let found: Awaited<ReturnType<typeof stat>>;
	try {
		found = await stat(absolute);
	} catch (error) {
		if (errorCode(error) === 'ENOENT') {
			throw new GoneFileError(`${itemPath} is gone: deleted or moved after the scan`, {
				cause: error,
			});
		}

		throw error;
	}

	const shrunk = await shrinking;
	const frame = await encodeForRenderer(renderer, shrunk, box);
	// Graphics go to the terminal as soon as they are ready, so showing one only paints its cells.
	if (frame.graphic) preload(frame.graphic);
	return {
		lines: frame.lines,
		...(frame.graphic || frame.opaqueLines ? {width: frame.columns} : {}),
		...(frame.graphic ? {graphic: frame.graphic} : {}),
		columns: frame.columns,
		rows: frame.rows,
		details: {
			...fileIdentity(found),
			width: shrunk.source.width,
			height: shrunk.source.height,
			format: shrunk.source.format,
		},
	};
}

/** The cache seen as the view needs it: a failed load is an Error with a message to show. */
export function frameSourceOf(cache: FrameCache<LoadedItem>): FrameSource {
	return {
		peek(itemPath, box) {
			const frame = cache.peek(itemPath, box);
			if (frame) {
				return frame;
			}

			const error: unknown = cache.peekError(itemPath, box);
			if (error === undefined) {
				return undefined;
			}

			return error instanceof Error ? error : new Error(String(error));
		},
		get: async (itemPath, box) => cache.get(itemPath, box),
		prefetch: (paths, box) => cache.prefetch(paths, box),
	};
}
