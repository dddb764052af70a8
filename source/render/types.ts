/** RGB pixels, 3 bytes per pixel, rows top to bottom without padding. */
export interface PixelImage {
	readonly pixels: Uint8Array;
	readonly width: number;
	readonly height: number;
}

/** A rectangle of terminal cells. */
export interface CellBox {
	readonly columns: number;
	readonly rows: number;
}

export type ColorMode = 'truecolor' | '256' | '16';

/** Encoded image, ready to be written one line per cell row at a position of our choosing. */
export interface RenderedFrame {
	readonly columns: number;
	readonly rows: number;
	/** One string per cell row, no newlines, each ending with an SGR reset. */
	readonly lines: readonly string[];
	/** UTF-8 bytes of all lines together (what one paint costs on the wire, less cursor moves). */
	readonly bytes: number;
}

/** A way to draw pixels in cells; half-blocks now, kitty/iTerm2/sixel later. */
export interface Renderer {
	readonly name: string;
	/** The pixel box to shrink an image into so it fills at most `box` cells. */
	cellPixels(box: CellBox): {width: number; height: number};
	/** Encodes pixels (at most cellPixels(box) in size; larger input is cropped to the box). */
	encode(image: PixelImage, box: CellBox): RenderedFrame;
}
