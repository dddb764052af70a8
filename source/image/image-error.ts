export type ImageErrorReason =
	| 'empty'
	| 'truncated'
	| 'not-an-image'
	| 'unsupported-format'
	| 'too-many-pixels'
	| 'unreadable';

/** Why an image cannot be shown, as a short code for journals and a message for people. */
export class ImageError extends Error {
	override readonly name = 'ImageError';
	readonly reason: ImageErrorReason;
	readonly path: string;

	constructor(
		reason: ImageErrorReason,
		path: string,
		message: string,
		options?: {cause?: unknown},
	) {
		super(message, options);
		this.reason = reason;
		this.path = path;
	}
}

export function isImageError(value: unknown): value is ImageError {
	return value instanceof ImageError;
}

/** sharp joins libvips' messages with newlines and often repeats them; the first line says it. */
export function firstLine(error: unknown): string {
	const text = error instanceof Error ? error.message : String(error);
	return text.split('\n', 1)[0]?.trim() ?? '';
}

export type SharpFailure =
	| 'too-many-pixels'
	| 'unknown-format'
	| 'truncated'
	| 'unsupported-format'
	| 'missing'
	| 'corrupt';

/** Sorts a sharp/libvips error by its message: sharp throws plain Errors without codes. */
export function classifySharpError(error: unknown): SharpFailure {
	const message = error instanceof Error ? error.message : String(error);
	if (/exceeds pixel limit/i.test(message)) return 'too-many-pixels';
	if (/unsupported image format/i.test(message)) return 'unknown-format';
	if (/premature end|truncat|unexpected end|read error|end of (file|data|stream)/i.test(message)) {
		return 'truncated';
	}
	if (/unsupported (codec|feature|compression|colou?r)|not supported/i.test(message)) {
		return 'unsupported-format';
	}
	if (/input file is missing/i.test(message)) return 'missing';
	return 'corrupt';
}
