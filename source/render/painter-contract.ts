/** The painter's face: the stdout Ink writes to, and the image drawn beside Ink's frames. */
import type {Overlay} from './overlay-bytes.js';
import type {GraphicPayload} from './types.js';

export interface OverlayStdout {
	/** Pass this to Ink's render(); it behaves exactly like the real stdout. */
	readonly stdout: NodeJS.WriteStream;
	/**
	 * Shows `overlay`, and again after any Ink frame that writes over its cells. The previous
	 * overlay's cells are blanked first unless the new one covers exactly the same cells; undefined
	 * blanks it and stops painting. `now` paints at once even when paints are deferred: the image
	 * a person waits for.
	 */
	setOverlay(overlay: Overlay | undefined, paint?: {readonly now: boolean}): void;
	/** Paints the current overlay again, e.g. after the terminal was cleared. */
	repaint(): void;
	/** Blanks the current overlay's cells and stops painting it (same as setOverlay(undefined)). */
	eraseOverlay(): void;
	/**
	 * Stops painting, for when Ink has already drawn a frame where the image was (help, a resize)
	 * and we painted the image over it: blanks the cells, then writes Ink's last frame again.
	 */
	dropOverlay(): void;
	/** Uploads a graphic ahead of time (prefetch), so showing it later only paints its cells. */
	preload(graphic: GraphicPayload): void;
	/**
	 * Deletes every graphic this stream uploaded and uploads no more; for exit, so no image stays
	 * in the terminal.
	 */
	releaseGraphics(): void;
	/**
	 * Releases the graphics, then writes nothing more and stops listening for resizes: once the
	 * session ends the terminal is the shell's again, and a late frame or a resize's clear-screen
	 * must not wipe what is printed after (the summary, the user's own lines).
	 */
	close(): void;
}

export type OverlayOptions = {
	/**
	Hold a new overlay's paint until the end of the current turn of the event loop: when Ink
	writes its frame meanwhile (the counter and panel of the same keypress), the image goes into
	that frame's synchronized bracket instead of being written twice. Measured at 140×45
	truecolor (bench/screen-latency.ts): half the bytes per key and no second frame.
	*/
	readonly deferPaint?: boolean;
};
