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
	/**
	 * For graphics protocols: `lines` then hold what is painted in the cells (kitty placeholders, or
	 * the iTerm2/sixel sequence on the first line), and this holds what the terminal keeps apart.
	 */
	readonly graphic?: GraphicPayload;
	/** The lines are escape sequences (iTerm2, sixel) that cover `columns` cells each, not text. */
	readonly opaqueLines?: boolean;
}

/** An image the terminal stores by id: sent once (ahead of time), deleted when no longer shown. */
export interface GraphicPayload {
	/** Unique per encoded frame, so a reused terminal id is never mistaken for the old image. */
	readonly key: string;
	/** Uploads the image; written once, before the frame is first painted. Empty if nothing to send. */
	readonly transmit: string;
	/** Deletes the image and frees the terminal's memory for it. Empty if nothing to delete. */
	readonly erase: string;
}

/** What a renderer needs besides pixels; the loader (which may use sharp) provides it. */
export type RendererInput = 'pixels' | 'jpeg';

/** A JPEG made from the shrunk pixels, for protocols that take compressed files (iTerm2). */
export interface EncodedPixelImage extends PixelImage {
	readonly jpeg?: Uint8Array;
}

/** A way to draw pixels in cells; half-blocks now, kitty/iTerm2/sixel later. */
export interface Renderer {
	readonly name: string;
	/** The pixel box to shrink an image into so it fills at most `box` cells. */
	cellPixels(box: CellBox): {width: number; height: number};
	/** Encodes pixels (at most cellPixels(box) in size; larger input is cropped to the box). */
	encode(image: EncodedPixelImage, box: CellBox): RenderedFrame;
	/** 'jpeg': the loader must attach a JPEG of the pixels. Default 'pixels'. */
	readonly input?: RendererInput;
}
