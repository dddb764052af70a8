import {cameraEvidence} from './exif-camera.js';
import {type PixelFeatures, pixelFeatures} from './pixel-features.js';
import {matchesScreenAspect, matchesScreenSize} from './screen-sizes.js';
import {sharp} from './sharp-instance.js';
import {type ShrunkImage, shrinkToPixels} from './shrink.js';

/** Bumped whenever a feature's definition changes, so cached features are recomputed. */
export const featuresVersion = 1;

/** The thumbnail's longest side: big enough for flat areas and edges, decoded at 1/8 for JPEGs. */
export const featureThumbnailSide = 128;

export type ImageFeatures = PixelFeatures & {
	readonly version: number;
	/** Displayed size of the file (EXIF orientation applied). */
	readonly width: number;
	readonly height: number;
	readonly format: string;
	/** 1 when the size is a common screen resolution. */
	readonly screenSize: number;
	/** 1 when the aspect ratio is a screen's and not a camera's. */
	readonly screenAspect: number;
	/** 1 for PNG: screenshots are saved losslessly, camera photos almost never. */
	readonly png: number;
	/** 1 with exposure EXIF tags, 0.5 with only a camera make/model, else 0. */
	readonly camera: number;
};

/**
Computes an image's features from one shrink-on-load decode plus its header. Rejects with an
ImageError (see shrinkToPixels) for files that cannot be decoded.
*/
export async function extractFeatures(path: string): Promise<ImageFeatures> {
	return (await featuresAndThumbnail(path)).features;
}

/**
The features and the thumbnail they were measured on (at most 128 px a side): one decode that a
grid cell can reuse instead of decoding the file again.
*/
export async function featuresAndThumbnail(
	path: string,
): Promise<{features: ImageFeatures; thumbnail: ShrunkImage}> {
	const side = featureThumbnailSide;
	const shrunk = await shrinkToPixels(path, {width: side, height: side});
	// Header only (well under a millisecond); shrinkToPixels already proved the file decodes.
	const metadata = await sharp(path).metadata();
	const {width, height, format} = shrunk.source;
	const measured = pixelFeatures(shrunk.pixels, shrunk.width, shrunk.height);
	const features: ImageFeatures = {
		version: featuresVersion,
		width,
		height,
		format,
		...measured,
		// Four decimals are plenty and keep the cache small.
		histogram: measured.histogram.map(round),
		layout: measured.layout.map(round),
		screenSize: matchesScreenSize(width, height),
		screenAspect: matchesScreenAspect(width, height),
		png: format === 'png' ? 1 : 0,
		camera: cameraEvidence(metadata.exif),
	};
	return {features, thumbnail: shrunk};
}

function round(value: number): number {
	return Math.round(value * 10_000) / 10_000;
}
