import {explainSharpFailure, statImageFile} from './explain-failure.js';
import {maxInputPixels, sharp} from './sharp-instance.js';

export interface ImageInfo {
	/** Displayed width: EXIF orientation applied, so a portrait phone photo is taller than wide. */
	readonly width: number;
	readonly height: number;
	/** sharp's name for the container: 'jpeg', 'png', 'webp', 'gif', 'tiff', 'avif', 'svg', … */
	readonly format: string;
	/** File size in bytes. */
	readonly size: number;
	/** Frames or pages, only for formats that have them (GIF, WebP, TIFF, HEIF). */
	readonly pages?: number;
}

/**
 * Reads only the header (well under a millisecond). Rejects with an ImageError for files that are
 * empty, not images, unsupported, or over the pixel limit; a truncated body is only found by
 * shrinkToPixels.
 */
export async function readImageInfo(path: string): Promise<ImageInfo> {
	const size = await statImageFile(path);
	try {
		const metadata = await sharp(path, {limitInputPixels: maxInputPixels}).metadata();
		const {width, height} = metadata.autoOrient;
		const info = {width, height, format: metadata.format, size};
		return metadata.pages === undefined ? info : {...info, pages: metadata.pages};
	} catch (cause) {
		throw await explainSharpFailure(path, cause, maxInputPixels);
	}
}
