import {crc32} from 'node:zlib';

export type PngProblem =
	| {readonly kind: 'truncated'; readonly chunk: string | undefined; readonly offset: number}
	| {readonly kind: 'bad-crc'; readonly chunk: string; readonly offset: number};

const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function hasPngSignature(data: Uint8Array): boolean {
	return signature.every((byte, index) => data[index] === byte);
}

function readUint32(data: Uint8Array, offset: number): number {
	return (
		((data[offset] ?? 0) * 0x1000000 +
			(((data[offset + 1] ?? 0) << 16) |
				((data[offset + 2] ?? 0) << 8) |
				(data[offset + 3] ?? 0))) >>>
		0
	);
}

/**
Walks a PNG's chunks and names the first structural fault: a chunk cut off or a missing IEND
(truncated), or a chunk whose CRC does not match its bytes (corrupt). libpng reports both as
"read error", so this tells the user which one it is. Undefined when the structure is sound.
*/
export function findPngProblem(data: Uint8Array): PngProblem | undefined {
	let offset = signature.length;
	while (offset + 8 <= data.length) {
		const length = readUint32(data, offset);
		const chunk = String.fromCharCode(...data.subarray(offset + 4, offset + 8));
		const end = offset + 12 + length;
		if (end > data.length) {
			return {kind: 'truncated', chunk, offset};
		}

		const stored = readUint32(data, end - 4);
		if (crc32(data.subarray(offset + 4, end - 4)) !== stored) {
			return {kind: 'bad-crc', chunk, offset};
		}

		if (chunk === 'IEND') {
			return undefined;
		}

		offset = end;
	}

	return {kind: 'truncated', chunk: undefined, offset};
}
