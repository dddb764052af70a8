import {classifySharpError, firstLine} from './image-error.js';
import {type QuickHeader, readQuickHeader} from './image-header.js';
import {decodeToHash} from './perceptual-hash.js';
import {findPngProblem, hasPngSignature} from './png-chunks.js';
import {sharp} from './sharp-instance.js';
import {jpegLacksEnd, readHead, readTail, sniffUndecodable} from './sniff.js';

/** Why a file is not a usable image, as a stable code for reports, caches and quarantine folders. */
export type CheckReason =
	| 'empty'
	| 'truncated'
	| 'corrupt'
	| 'not-an-image'
	| 'unsupported-format'
	| 'too-many-pixels'
	| 'unreadable';

export const checkReasons: readonly CheckReason[] = [
	'empty',
	'truncated',
	'corrupt',
	'not-an-image',
	'unsupported-format',
	'too-many-pixels',
	'unreadable',
];

export type ImageCheck =
	| {
			readonly ok: true;
			/** sharp's name for the format found in the content ('jpeg', 'png', …), not the extension. */
			readonly format: string;
			/** Displayed size: EXIF orientation applied. */
			readonly width: number;
			readonly height: number;
			/** 64-bit dHash as 16 hex digits. */
			readonly dhash: string;
			/** 64-bit DCT hash as 16 hex digits: what near-duplicate candidates are found by. */
			readonly phash: string;
			/** The pHash of the image's centre, for crops (see pHashOfCentre). */
			readonly phashCentre: string;
	  }
	| {
			readonly ok: false;
			readonly reason: CheckReason;
			/** What is wrong, in a few words, without the path. */
			readonly detail: string;
			readonly format?: string;
			readonly width?: number;
			readonly height?: number;
	  };

export type ValidateOptions = {
	/** Images with more pixels than this are reported from their header and never decoded. */
	readonly maxPixels: number;
};

function megapixels(pixels: number): string {
	const value = pixels / 1e6;
	return `${value >= 10 ? Math.round(value) : Number(value.toPrecision(2))} MP`;
}

/** The detail for an image over the pixel limit; also used when a cached size meets a new limit. */
export function oversizeDetail(width: number, height: number, maxPixels: number): string {
	return `${width}×${height} = ${megapixels(width * height)}, over the ${megapixels(maxPixels)} limit; not decoded`;
}

function hexBytes(head: Uint8Array): string {
	return [...head.subarray(0, 8)].map((byte) => byte.toString(16).padStart(2, '0')).join(' ');
}

/** Reads the head of a file for a failure's explanation; a file gone by now reads as empty. */
async function headOf(input: string | Uint8Array): Promise<Uint8Array> {
	if (typeof input !== 'string') {
		return input.subarray(0, 64);
	}

	return readHead(input).catch(() => new Uint8Array());
}

/** The end of a file for a failure's explanation; a file gone by now reads as empty. */
async function tailOf(input: string | Uint8Array): Promise<Uint8Array> {
	if (typeof input !== 'string') {
		return input.subarray(Math.max(0, input.length - 64));
	}

	return readTail(input).catch(() => new Uint8Array());
}

type Failure = Extract<ImageCheck, {ok: false}>;

function pngFailure(content: Uint8Array): Failure | undefined {
	const problem = findPngProblem(content);
	if (problem?.kind === 'bad-crc') {
		return {
			ok: false,
			reason: 'corrupt',
			detail: `PNG chunk ${problem.chunk} at byte ${problem.offset} fails its CRC check (damaged bytes)`,
			format: 'png',
		};
	}

	if (problem?.kind === 'truncated') {
		const where =
			problem.chunk === undefined ? 'before its end chunk' : `in chunk ${problem.chunk}`;
		return {
			ok: false,
			reason: 'truncated',
			detail: `PNG data ends early, ${where} at byte ${problem.offset}`,
			format: 'png',
		};
	}

	return undefined;
}

/** Turns whatever sharp threw into a reason: the content's own bytes decide where they can. */
async function explainFailure(input: string | Uint8Array, cause: unknown): Promise<Failure> {
	const head = await headOf(input);
	if (head.length === 0) {
		return {ok: false, reason: 'empty', detail: '0 bytes'};
	}

	const sniffed = sniffUndecodable(head);
	if (sniffed.kind === 'image') {
		return {
			ok: false,
			reason: 'unsupported-format',
			detail: `${sniffed.format} image, which this build of sharp cannot decode; convert it to JPEG or PNG`,
			format: sniffed.format,
		};
	}

	const kind = classifySharpError(cause);
	const said = firstLine(cause);
	if (kind === 'unknown-format') {
		const detail =
			sniffed.kind === 'text'
				? `text, not an image; it starts ${JSON.stringify(sniffed.start)}`
				: `no known image format; it starts with bytes ${hexBytes(head)}`;
		return {ok: false, reason: 'not-an-image', detail};
	}

	if (typeof input !== 'string' && hasPngSignature(input)) {
		const found = pngFailure(input);
		if (found) {
			return found;
		}
	}

	switch (kind) {
		case 'truncated':
			return {ok: false, reason: 'truncated', detail: `image data ends early (${said})`};
		case 'unsupported-format':
			return {
				ok: false,
				reason: 'unsupported-format',
				detail: `uses a feature sharp cannot decode (${said})`,
			};
		case 'missing':
			return {ok: false, reason: 'unreadable', detail: 'disappeared while being checked'};
		default:
			// libvips' message can be lost when several decodes fail at once: the bytes still tell.
			if (jpegLacksEnd(head, await tailOf(input))) {
				return {
					ok: false,
					reason: 'truncated',
					detail: `JPEG data ends without its end marker (${said})`,
				};
			}

			return {ok: false, reason: 'corrupt', detail: `cannot be decoded (${said})`};
	}
}

/**
The check once the header is known: the pixel limit from the header alone, then one decode of
every byte (see `decodeToHash`). Rejects with sharp's error when the data does not decode.
*/
async function checkWithHeader(
	input: string | Uint8Array,
	header: QuickHeader,
	maxPixels: number,
): Promise<ImageCheck> {
	const {width, height} = header.autoOrient;
	const format = header.format;
	if (width * height > maxPixels) {
		const detail = oversizeDetail(width, height, maxPixels);
		return {ok: false, reason: 'too-many-pixels', detail, format, width, height};
	}

	const decoder = sharp(input, {failOn: 'error', limitInputPixels: Math.max(1, maxPixels)});
	return {ok: true, format, width, height, ...(await decodeToHash(decoder, header))};
}

/**
The same check for a JPEG or PNG whose header we can read without sharp: one native call instead
of two. Undefined when the header is odd or the decode fails; the caller then asks sharp for
everything, so failures are explained exactly as before.
*/
async function quickCheck(input: Uint8Array, maxPixels: number): Promise<ImageCheck | undefined> {
	const header = readQuickHeader(input);
	if (header === undefined) {
		return undefined;
	}

	try {
		return await checkWithHeader(input, header, maxPixels);
	} catch {
		return undefined;
	}
}

/**
Checks that `input` (the file's bytes, or its path for files too large to hold) is an image that
decodes completely. The header comes first (read here for plain JPEG and PNG bytes, by sharp for
the rest): an image over `maxPixels` is reported from it without allocating a pixel. Otherwise
every byte of image data is decoded (see `decodeToHash`), so one decode both validates and
fingerprints; JPEG decodes at 1/8 scale, which still reads all its entropy-coded data, so
truncation and bad Huffman codes are caught. Only the first frame of an animation is decoded.
libvips has one error buffer per process: when several decodes fail at once a message can be
lost, so callers running many should re-run failures alone.
*/
export async function validateImage(
	input: string | Uint8Array,
	{maxPixels}: ValidateOptions,
): Promise<ImageCheck> {
	if (typeof input !== 'string' && input.length === 0) {
		return {ok: false, reason: 'empty', detail: '0 bytes'};
	}

	const quick = typeof input === 'string' ? undefined : await quickCheck(input, maxPixels);
	if (quick !== undefined) {
		return quick;
	}

	// failOn 'error': truncated or corrupt data rejects; harmless encoder warnings still pass.
	const image = sharp(input, {failOn: 'error', limitInputPixels: false});
	let header: Awaited<ReturnType<typeof image.metadata>>;
	try {
		header = await image.metadata();
	} catch (cause) {
		return explainFailure(input, cause);
	}

	try {
		return await checkWithHeader(input, header, maxPixels);
	} catch (cause) {
		const {width, height} = header.autoOrient;
		return {...(await explainFailure(input, cause)), format: header.format, width, height};
	}
}
