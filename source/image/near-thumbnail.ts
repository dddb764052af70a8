import {nearCropFraction} from './dct-hash.js';
import {
	type NearChannels,
	type NearThumbnail,
	nearThumbnailSide,
	normalisedChannel,
} from './near-match.js';
import {sharp} from './sharp-instance.js';

/** The decode is shrunk to this square first; both thumbnails are made from it. */
const workingSide = nearThumbnailSide * 4;

async function thumbnailOf(
	pixels: Buffer,
	channels: 1 | 2 | 3 | 4,
	crop: {left: number; top: number; width: number; height: number} | undefined,
): Promise<NearChannels> {
	const working = sharp(pixels, {raw: {width: workingSide, height: workingSide, channels}});
	const {data, info} = await (crop === undefined ? working : working.extract(crop))
		.resize(nearThumbnailSide, nearThumbnailSide, {fit: 'fill'})
		.blur(0.8)
		.raw({depth: 'uchar'})
		.toBuffer({resolveWithObject: true});
	const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
	return Array.from({length: Math.min(3, info.channels)}, (_, channel) =>
		normalisedChannel(bytes, info.channels, channel),
	);
}

/**
The thumbnails `thumbnailDifference` compares: oriented, sRGB, 64×64 (the aspect ratio is dropped
alike for both images), softened by a blur of 0.8 px so the resampling of a crop does not count
as a difference; one of the whole image and one of its centre (`nearCropFraction` cut from every
side). One decode, shrunk to 256×256, serves both. Shrink-on-load is off: its JPEG 1/8 decode
blurred differently from a smaller copy's and made resized copies look up to 22 apart instead of 5.
*/
export async function nearThumbnail(input: string | Uint8Array): Promise<NearThumbnail> {
	const {data, info} = await sharp(input, {failOn: 'error'})
		.rotate()
		.removeAlpha()
		.toColourspace('srgb')
		.resize(workingSide, workingSide, {fit: 'fill', fastShrinkOnLoad: false})
		.raw({depth: 'uchar'})
		.toBuffer({resolveWithObject: true});
	const margin = Math.round(workingSide * nearCropFraction);
	const inner = workingSide - 2 * margin;
	const channels = info.channels;
	const [whole, centre] = await Promise.all([
		thumbnailOf(data, channels, undefined),
		thumbnailOf(data, channels, {left: margin, top: margin, width: inner, height: inner}),
	]);
	return {whole, centre};
}
