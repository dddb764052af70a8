import {createHash} from 'node:crypto';
import {readQuickHeader} from './image-header.js';

/**
A digest of what decides a JPEG's or PNG's pixels, leaving out what does not: text, dates and
camera notes (JPEG APP0, APP1 = EXIF/XMP, APP13 = IPTC, comments; PNG tEXt, zTXt, iTXt, tIME) and
any bytes after the image's end marker. The EXIF orientation, which turns the pixels, is kept.
Two files with one picture digest decode to the same pixels, so the near-duplicate test need not
decode both (scan/groups.ts): copies re-tagged by a photo manager, or with bytes appended, are
common in real folders. Colour profiles (APP2, iCCP, sRGB, gAMA, cHRM) and Adobe's APP14 change
the decoded colours, so they count. Undefined for anything else, or a layout we do not follow.
*/
export function pictureDigest(data: Uint8Array): string | undefined {
	const header = readQuickHeader(data);
	if (header === undefined) {
		return undefined;
	}

	const hash = createHash('sha1');
	const complete =
		header.format === 'jpeg'
			? hashJpeg(data, hash.update.bind(hash))
			: hashPng(data, hash.update.bind(hash));
	return complete ? `${hash.digest('hex')}:${header.orientation ?? 1}` : undefined;
}

type Feed = (bytes: Uint8Array) => void;

/** JPEG markers whose segments never change the decoded pixels. */
const jpegSkipped = new Set([0xe0, 0xe1, 0xed, 0xfe]);

/** Feeds every segment that shapes the pixels, through the end marker; false when the layout is odd. */
function hashJpeg(data: Uint8Array, feed: Feed): boolean {
	let offset = 2;
	while (offset + 1 < data.length) {
		if (data[offset] !== 0xff) {
			return false;
		}

		const marker = data[offset + 1] ?? 0;
		if (marker === 0xff) {
			offset++; // Fill byte.
			continue;
		}

		if (marker === 0xd9) {
			feed(data.subarray(offset, offset + 2));
			return true;
		}

		const length = ((data[offset + 2] ?? 0) << 8) | (data[offset + 3] ?? 0);
		if (length < 2 || offset + 2 + length > data.length) {
			return false;
		}

		let end = offset + 2 + length;
		if (marker === 0xda) {
			end = entropyEnd(data, end);
		}

		if (!jpegSkipped.has(marker)) {
			feed(data.subarray(offset, end));
		}

		offset = end;
	}

	return false; // No end marker: a truncated file has no picture to share.
}

/**
Where a scan's entropy-coded data ends: the next marker that is not a stuffed byte or a restart.
indexOf finds each 0xFF natively: a byte loop in JavaScript held the main thread for 3-9 ms per
camera JPEG while the labeling loop checked the images ahead.
*/
function entropyEnd(data: Uint8Array, start: number): number {
	for (let index = data.indexOf(0xff, start); index !== -1; index = data.indexOf(0xff, index + 1)) {
		if (index + 1 >= data.length) {
			break;
		}

		const next = data[index + 1] ?? 0;
		if (next !== 0 && (next < 0xd0 || next > 0xd7)) {
			return index;
		}
	}

	return data.length;
}

/** PNG chunks that carry words, not pixels. */
const pngSkipped = new Set(['tEXt', 'zTXt', 'iTXt', 'tIME']);

function hashPng(data: Uint8Array, feed: Feed): boolean {
	let offset = 8;
	while (offset + 12 <= data.length) {
		const length =
			((data[offset] ?? 0) * 0x1000000 +
				(((data[offset + 1] ?? 0) << 16) |
					((data[offset + 2] ?? 0) << 8) |
					(data[offset + 3] ?? 0))) >>>
			0;
		const type = String.fromCharCode(...data.subarray(offset + 4, offset + 8));
		const end = offset + 12 + length;
		if (end > data.length) {
			return false;
		}

		if (!pngSkipped.has(type)) {
			feed(data.subarray(offset, end));
		}

		if (type === 'IEND') {
			return true;
		}

		offset = end;
	}

	return false;
}
