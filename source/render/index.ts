export {blocksRenderer} from './blocks-renderer.js';
export type {CellFit} from './fit.js';
export {fitToCells} from './fit.js';
export {encodeHalfBlocks} from './half-blocks.js';
export {createFrameLoader, encodeForRenderer} from './load-frame.js';
export type {Overlay, OverlayStdout} from './painter.js';
export {createOverlayStdout, eraseBytes, overlayBytes} from './painter.js';
export {nearestAnsi16, nearestXterm256} from './palette.js';
export type {FrameCache, FrameCacheOptions, LoadFrame} from './prefetch.js';
export {createFrameCache} from './prefetch.js';
export type {
	CellBox,
	ColorMode,
	EncodedPixelImage,
	GraphicPayload,
	PixelImage,
	RenderedFrame,
	Renderer,
} from './types.js';
