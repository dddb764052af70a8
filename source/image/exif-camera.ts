/**
How strongly EXIF says "a camera took this": 1 with exposure tags (exposure time, f-number, ISO,
focal length), 0.5 with only a camera make or model, 0 otherwise. Reads the TIFF structure that
sharp's `metadata().exif` returns; malformed data counts as no evidence, never as an error.
*/
export function cameraEvidence(exif: Uint8Array | undefined): number {
	if (!exif || exif.length < 14) {
		return 0;
	}

	const view = new DataView(exif.buffer, exif.byteOffset, exif.byteLength);
	// sharp's buffer starts with "Exif\0\0"; some writers leave that header out.
	const tiff = exif[0] === 0x45 && exif[1] === 0x78 ? 6 : 0;
	try {
		const order = view.getUint16(tiff);
		const little = order === 0x4949;
		if (!little && order !== 0x4d4d) {
			return 0;
		}

		const read16 = (at: number) => view.getUint16(tiff + at, little);
		const read32 = (at: number) => view.getUint32(tiff + at, little);
		const tagsOf = (ifd: number): Map<number, number> => {
			const tags = new Map<number, number>();
			const count = read16(ifd);
			for (let index = 0; index < count && index < 512; index++) {
				const entry = ifd + 2 + index * 12;
				tags.set(read16(entry), read32(entry + 8));
			}

			return tags;
		};

		const ifd0 = tagsOf(read32(4));
		const exifPointer = ifd0.get(0x8769);
		const exifTags = exifPointer === undefined ? new Map<number, number>() : tagsOf(exifPointer);
		const exposureTags = [0x829a, 0x829d, 0x8827, 0x920a];
		if (exposureTags.some((tag) => exifTags.has(tag))) {
			return 1;
		}

		return ifd0.has(0x010f) || ifd0.has(0x0110) ? 0.5 : 0;
	} catch {
		// A pointer past the end: truncated EXIF.
		return 0;
	}
}
