import {sharp} from './sharp-instance.js';
import type {PixelSize, ShrunkImage} from './shrink.js';

/**
The size `shrinkToPixels(file, box)` would give: the file's picture fitted inside the box, aspect
ratio kept.
*/
function fittedSize(source: PixelSize, box: PixelSize): PixelSize {
	const scale = Math.min(box.width / source.width, box.height / source.height);
	return {
		width: Math.max(1, Math.round(source.width * scale)),
		height: Math.max(1, Math.round(source.height * scale)),
	};
}

/**
A smaller image from a thumbnail already decoded (the one a guess was made from), as
`shrinkToPixels` would give it from the file; undefined when the thumbnail is too small for the box
(it would be enlarged, blurred), so the caller decodes the file. Resizing 128 px of raw pixels takes
a fraction of a millisecond; decoding the file again takes milliseconds to tens of them.
*/
export async function shrinkThumbnail(
	thumbnail: ShrunkImage,
	box: PixelSize,
): Promise<ShrunkImage | undefined> {
	const wanted = fittedSize(thumbnail.source, box);
	if (wanted.width > thumbnail.width || wanted.height > thumbnail.height) {
		return undefined;
	}

	const {data, info} = await sharp(thumbnail.pixels, {
		raw: {width: thumbnail.width, height: thumbnail.height, channels: 3},
	})
		.resize(wanted.width, wanted.height, {fit: 'fill', kernel: 'mitchell'})
		.raw({depth: 'uchar'})
		.toBuffer({resolveWithObject: true});
	return {
		pixels: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
		width: info.width,
		height: info.height,
		source: thumbnail.source,
	};
}
