import {encodeJpeg} from '../image/encode.js';
import {shrinkToPixels} from '../image/index.js';
import type {LoadFrame} from './prefetch.js';
import type {CellBox, PixelImage, RenderedFrame, Renderer} from './types.js';

/** Encodes shrunk pixels, first making the JPEG a renderer asks for (the only async step). */
export async function encodeForRenderer(
	renderer: Renderer,
	image: PixelImage,
	box: CellBox,
): Promise<RenderedFrame> {
	if (renderer.input === 'jpeg') {
		return renderer.encode({...image, jpeg: await encodeJpeg(image)}, box);
	}
	return renderer.encode(image, box);
}

/** The glue a frame cache needs: shrink the file to the renderer's pixel box, then encode it. */
export function createFrameLoader(renderer: Renderer): LoadFrame {
	return async (path, box) =>
		encodeForRenderer(renderer, await shrinkToPixels(path, renderer.cellPixels(box)), box);
}
