import {sharp} from './sharp-instance.js';

export interface RawRgb {
	readonly pixels: Uint8Array;
	readonly width: number;
	readonly height: number;
}

/**
 * A JPEG of already shrunk RGB pixels, for protocols that take compressed files (iTerm2). Made from
 * the thumbnail, never the original file, so it stays small and carries no metadata.
 */
export async function encodeJpeg(
	{pixels, width, height}: RawRgb,
	quality = 80,
): Promise<Uint8Array> {
	const data = await sharp(pixels, {raw: {width, height, channels: 3}})
		.jpeg({quality, chromaSubsampling: '4:2:0', mozjpeg: false})
		.toBuffer();
	return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** A PNG of RGB pixels (lossless; for tests and for kitty's f=100 when a terminal needs it). */
export async function encodePng({pixels, width, height}: RawRgb): Promise<Uint8Array> {
	const data = await sharp(pixels, {raw: {width, height, channels: 3}})
		.png({compressionLevel: 3})
		.toBuffer();
	return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
