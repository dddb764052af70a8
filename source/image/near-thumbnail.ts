import {type NearThumbnail, nearThumbnailSide, normalisedChannel} from './near-match.js';
import {sharp} from './sharp-instance.js';

/**
The thumbnail `thumbnailDifference` compares: oriented, sRGB, 64×64 (the aspect ratio is dropped
alike for both images), softened by a blur of 0.8 px so the resampling of a crop does not count
as a difference. Shrink-on-load is off: its JPEG 1/8 decode blurred differently from a smaller
copy's and made resized copies look up to 22 apart instead of 5.
*/
export async function nearThumbnail(input: string | Uint8Array): Promise<NearThumbnail> {
	const {data, info} = await sharp(input, {failOn: 'error'})
		.rotate()
		.removeAlpha()
		.toColourspace('srgb')
		.resize(nearThumbnailSide, nearThumbnailSide, {fit: 'fill', fastShrinkOnLoad: false})
		.blur(0.8)
		.raw({depth: 'uchar'})
		.toBuffer({resolveWithObject: true});
	const pixels = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
	const channels = Math.min(3, info.channels);
	return Array.from({length: channels}, (_, channel) =>
		normalisedChannel(pixels, info.channels, channel),
	);
}
