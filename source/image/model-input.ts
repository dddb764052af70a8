import {explainSharpFailure, statImageFile} from './explain-failure.js';
import {maxInputPixels, neutralBackground, sharp} from './sharp-instance.js';

/**
Decodes `path` to exactly width×height RGB (stretched, as classifiers are usually trained), with
shrink-on-load, EXIF orientation applied and transparency flattened. 3 bytes per pixel, row-major.
*/
export async function decodeForModel(
	path: string,
	width: number,
	height: number,
): Promise<Uint8Array> {
	await statImageFile(path);
	try {
		const data = await sharp(path, {limitInputPixels: maxInputPixels, failOn: 'error'})
			.rotate()
			.resize(width, height, {fit: 'fill'})
			.flatten({background: neutralBackground})
			.toColourspace('srgb')
			.raw({depth: 'uchar'})
			.toBuffer();
		return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
	} catch (cause) {
		throw await explainSharpFailure(path, cause, maxInputPixels);
	}
}
