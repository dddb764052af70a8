import {open} from 'node:fs/promises';

export type Sniffed =
	| {kind: 'image'; format: string}
	| {kind: 'text'; start: string}
	| {kind: 'unknown'};

const headLength = 64;

/** Reads the first bytes of a file; only used after sharp has refused it, so never on the hot path. */
export async function readHead(path: string): Promise<Uint8Array> {
	const handle = await open(path, 'r');
	try {
		const buffer = new Uint8Array(headLength);
		const {bytesRead} = await handle.read(buffer, 0, headLength, 0);
		return buffer.subarray(0, bytesRead);
	} finally {
		await handle.close();
	}
}

/** The last `length` bytes of a file (fewer when it is shorter). */
export async function readTail(path: string, length = 64): Promise<Uint8Array> {
	const handle = await open(path, 'r');
	try {
		const {size} = await handle.stat();
		const buffer = new Uint8Array(Math.min(length, size));
		const {bytesRead} = await handle.read(buffer, 0, buffer.length, size - buffer.length);
		return buffer.subarray(0, bytesRead);
	} finally {
		await handle.close();
	}
}

/** A JPEG whose last bytes hold no end-of-image marker (FF D9): its data was cut off. */
export function jpegLacksEnd(head: Uint8Array, tail: Uint8Array): boolean {
	if (!startsWith(head, [0xff, 0xd8, 0xff])) {
		return false;
	}

	for (let index = tail.length - 2; index >= 0; index--) {
		if (tail[index] === 0xff && tail[index + 1] === 0xd9) {
			return false;
		}
	}

	return true;
}

function startsWith(head: Uint8Array, bytes: readonly number[], offset = 0): boolean {
	return bytes.every((byte, index) => head[offset + index] === byte);
}

function ascii(head: Uint8Array, start: number, end: number): string {
	return String.fromCharCode(...head.subarray(start, end));
}

const heifBrands = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1']);
const bmpHeaderSizes = new Set([12, 40, 52, 56, 64, 108, 124]);

/** Image formats that exist but that our sharp build cannot decode, told apart from non-images. */
export function sniffUndecodable(head: Uint8Array): Sniffed {
	if (startsWith(head, [0x42, 0x4d]) && bmpHeaderSizes.has(head[14] ?? 0)) {
		return {kind: 'image', format: 'BMP'};
	}
	if (startsWith(head, [0, 0, 1, 0]) || startsWith(head, [0, 0, 2, 0])) {
		return {kind: 'image', format: 'ICO'};
	}
	if (ascii(head, 0, 4) === '8BPS') return {kind: 'image', format: 'PSD'};
	if (ascii(head, 0, 4) === 'qoif') return {kind: 'image', format: 'QOI'};
	if (ascii(head, 0, 4) === 'DDS ') return {kind: 'image', format: 'DDS'};
	if (startsWith(head, [0x76, 0x2f, 0x31, 0x01])) return {kind: 'image', format: 'OpenEXR'};
	if (startsWith(head, [0xff, 0x0a]) || ascii(head, 4, 8) === 'JXL ') {
		return {kind: 'image', format: 'JPEG XL'};
	}
	if (ascii(head, 4, 8) === 'ftyp' && heifBrands.has(ascii(head, 8, 12))) {
		return {kind: 'image', format: 'HEIC'};
	}
	const printable =
		head.length > 0 &&
		head.every((byte) => byte === 9 || byte === 10 || byte === 13 || (byte >= 32 && byte < 127));
	if (printable) return {kind: 'text', start: ascii(head, 0, Math.min(head.length, 24))};
	return {kind: 'unknown'};
}
