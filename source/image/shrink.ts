import {explainSharpFailure, statImageFile} from './explain-failure.js';
import {firstLine} from './image-error.js';
import type {ImageInfo} from './read-image-info.js';
import {maxInputPixels, neutralBackground, sharp} from './sharp-instance.js';

export interface PixelSize {
	readonly width: number;
	readonly height: number;
}

export interface ShrunkImage {
	/** RGB, 3 bytes per pixel, rows top to bottom, no padding. */
	readonly pixels: Uint8Array;
	readonly width: number;
	readonly height: number;
	/** The file as it is on disk (orientation applied to width and height). */
	readonly source: Omit<ImageInfo, 'pages'>;
}

function assertPixelSize({width, height}: PixelSize): void {
	if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
		throw new RangeError(
			`shrinkToPixels needs a whole-pixel box of at least 1×1, got ${width}×${height}.`,
		);
	}
}

/**
 * Decodes `path` straight to at most `box` pixels, keeping the aspect ratio: the resize follows the
 * input directly so libvips shrinks while loading (a JPEG decodes at 1/2, 1/4 or 1/8 scale) and the
 * full-size image is never held. EXIF orientation is applied and transparency flattened onto grey.
 */
export async function shrinkToPixels(path: string, box: PixelSize): Promise<ShrunkImage> {
	assertPixelSize(box);
	const size = await statImageFile(path);
	const decode = async (): Promise<ShrunkImage> => {
		// failOn 'error': truncated or corrupt data rejects; harmless warnings still decode.
		const image = sharp(path, {limitInputPixels: maxInputPixels, failOn: 'error'});
		const metadata = await image.metadata();
		const {data, info} = await image
			.rotate()
			// Mitchell: the final step after shrink-on-load is small, and it rings less than
			// lanczos on the sharp edges of screenshots.
			.resize(box.width, box.height, {fit: 'inside', kernel: 'mitchell'})
			.flatten({background: neutralBackground})
			.toColourspace('srgb')
			.raw({depth: 'uchar'})
			.toBuffer({resolveWithObject: true});
		if (info.channels !== 3) {
			throw new Error(`expected 3 channels after flattening to sRGB, got ${info.channels}`);
		}
		return {
			pixels: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
			width: info.width,
			height: info.height,
			source: {
				width: metadata.autoOrient.width,
				height: metadata.autoOrient.height,
				format: metadata.format,
				size,
			},
		};
	};
	try {
		return await decode();
	} catch (cause) {
		// libvips keeps one error buffer per process: when another decode failed at the same moment,
		// this one may see "Unknown error". A second decode gives the real outcome.
		if (!/unknown error/i.test(firstLine(cause))) {
			throw await explainSharpFailure(path, cause, maxInputPixels);
		}
	}

	try {
		return await decode();
	} catch (cause) {
		throw await explainSharpFailure(path, cause, maxInputPixels);
	}
}
