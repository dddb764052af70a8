import {shrinkToPixels} from '../image/index.js';
import type {LoadFrame} from './prefetch.js';
import type {Renderer} from './types.js';

/** The glue a frame cache needs: shrink the file to the renderer's pixel box, then encode it. */
export function createFrameLoader(renderer: Renderer): LoadFrame {
	return async (path, box) =>
		renderer.encode(await shrinkToPixels(path, renderer.cellPixels(box)), box);
}
