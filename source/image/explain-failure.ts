import {stat} from 'node:fs/promises';
import {classifySharpError, firstLine, ImageError} from './image-error.js';
import {sharp} from './sharp-instance.js';
import {readHead, sniffUndecodable} from './sniff.js';

/** Returns the file's size, or rejects with an ImageError if it cannot be an image at all. */
export async function statImageFile(path: string): Promise<number> {
	let stats: Awaited<ReturnType<typeof stat>>;
	try {
		stats = await stat(path);
	} catch (cause) {
		throw new ImageError(
			'unreadable',
			path,
			`Cannot read ${path}: ${firstLine(cause)}. Check that the file still exists and is readable.`,
			{cause},
		);
	}
	if (!stats.isFile()) {
		throw new ImageError('not-an-image', path, `${path} is not a regular file; skip it.`);
	}
	if (stats.size === 0) {
		throw new ImageError(
			'empty',
			path,
			`${path} is empty (0 bytes). Replace it with a good copy, or skip it.`,
		);
	}
	return stats.size;
}

async function describeOversize(path: string, limit: number): Promise<string> {
	const megapixels = (pixels: number) => `${Math.round(pixels / 1e6)} MP`;
	try {
		// Header only: with the limit lifted, metadata() still decodes no pixels.
		const {width, height} = await sharp(path, {limitInputPixels: false}).metadata();
		return `${path} is ${width}×${height} (${megapixels(width * height)}), over the ${megapixels(limit)} decode limit`;
	} catch {
		return `${path} is over the ${megapixels(limit)} decode limit`;
	}
}

async function describeUnknownFormat(path: string, cause: unknown): Promise<ImageError> {
	let head: Uint8Array;
	try {
		head = await readHead(path);
	} catch (readError) {
		return new ImageError(
			'unreadable',
			path,
			`Cannot read ${path}: ${firstLine(readError)}. Check that it is readable.`,
			{cause},
		);
	}
	const sniffed = sniffUndecodable(head);
	if (sniffed.kind === 'image') {
		return new ImageError(
			'unsupported-format',
			path,
			`${path} is a ${sniffed.format} image, which imgsift cannot decode. Convert it to PNG or JPEG, or skip it.`,
			{cause},
		);
	}
	const looksLike =
		sniffed.kind === 'text' ? ` (it is text starting ${JSON.stringify(sniffed.start)})` : '';
	return new ImageError(
		'not-an-image',
		path,
		`${path} is not an image${looksLike}. Skip it, or replace it with the real image.`,
		{cause},
	);
}

/** Turns whatever sharp threw for `path` into an ImageError with the right reason. */
export async function explainSharpFailure(
	path: string,
	cause: unknown,
	limit: number,
): Promise<ImageError> {
	const detail = firstLine(cause);
	switch (classifySharpError(cause)) {
		case 'too-many-pixels': {
			const what = await describeOversize(path, limit);
			return new ImageError(
				'too-many-pixels',
				path,
				`${what}. Downscale it with another tool, or skip it.`,
				{cause},
			);
		}
		case 'unknown-format':
			return describeUnknownFormat(path, cause);
		case 'truncated':
			return new ImageError(
				'truncated',
				path,
				`${path} is truncated: its image data ends early (${detail}). Copy or download it again, or skip it.`,
				{cause},
			);
		case 'unsupported-format':
			return new ImageError(
				'unsupported-format',
				path,
				`${path} uses a feature imgsift cannot decode (${detail}). Convert it to PNG or JPEG, or skip it.`,
				{cause},
			);
		case 'missing':
			return new ImageError(
				'unreadable',
				path,
				`Cannot read ${path}: it disappeared while being read. Check the folder, then try again.`,
				{cause},
			);
		case 'corrupt':
			return new ImageError(
				'unreadable',
				path,
				`${path} could not be decoded (${detail}); it is probably corrupt. Replace it, or skip it.`,
				{cause},
			);
	}
}
