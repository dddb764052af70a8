/**
The 64-bit DCT hash (pHash) of a 32×32 one-band thumbnail: the 8×8 lowest frequencies of its
2-D DCT-II, one bit per coefficient, set where it is above the median of the 63 that are not the
mean (DC). Low frequencies keep the layout of an image and ignore JPEG noise, resizing and a
uniform brightness change; measured on the samples plus generated copies (bench/near-dup-bench.ts),
re-encodes and resizes stay within 8 bits where the 9×8 dHash drifted up to 28.
*/

export const pHashSide = 32;
const kept = 8;

/** cos(π (2i + 1) k / 64) for the kept frequencies k and every pixel i. */
const cosines: Float64Array = (() => {
	const table = new Float64Array(kept * pHashSide);
	for (let frequency = 0; frequency < kept; frequency++) {
		for (let pixel = 0; pixel < pHashSide; pixel++) {
			table[frequency * pHashSide + pixel] = Math.cos(
				(Math.PI * (2 * pixel + 1) * frequency) / (2 * pHashSide),
			);
		}
	}

	return table;
})();

function lowFrequencies(grey: ArrayLike<number>): Float64Array {
	// Rows first: each row's 8 lowest frequencies, then the same down each of those 8 columns.
	const rows = new Float64Array(pHashSide * kept);
	for (let y = 0; y < pHashSide; y++) {
		for (let u = 0; u < kept; u++) {
			let sum = 0;
			for (let x = 0; x < pHashSide; x++) {
				sum += (grey[y * pHashSide + x] ?? 0) * (cosines[u * pHashSide + x] ?? 0);
			}

			rows[y * kept + u] = sum;
		}
	}

	const coefficients = new Float64Array(kept * kept);
	for (let v = 0; v < kept; v++) {
		for (let u = 0; u < kept; u++) {
			let sum = 0;
			for (let y = 0; y < pHashSide; y++) {
				sum += (rows[y * kept + u] ?? 0) * (cosines[v * pHashSide + y] ?? 0);
			}

			coefficients[v * kept + u] = sum;
		}
	}

	return coefficients;
}

/** The pHash of a 32×32 thumbnail (row-major, one value per pixel) as 16 hex digits. */
export function pHashOfGrey(grey: ArrayLike<number>): string {
	if (grey.length !== pHashSide * pHashSide) {
		throw new RangeError(
			`pHash needs a ${pHashSide}×${pHashSide} thumbnail (${pHashSide * pHashSide} values), got ${grey.length}.`,
		);
	}

	const coefficients = lowFrequencies(grey);
	const median = [...coefficients.subarray(1)].sort((left, right) => left - right)[31] ?? 0;
	let hex = '';
	for (let nibble = 0; nibble < 16; nibble++) {
		let value = 0;
		for (let bit = 0; bit < 4; bit++) {
			value = (value << 1) | ((coefficients[nibble * 4 + bit] ?? 0) > median ? 1 : 0);
		}

		hex += value.toString(16);
	}

	return hex;
}

/**
The thumbnail a pHash is taken from: 36×36, of which only the central 32×32 count. Leaving out
the outer 5.6% (status bars, borders) keeps a copy cropped by 3% a side within 12 bits far more
often: 64 of 68 generated crops against 60, and 3 unrelated sample pairs that close against 12.
*/
export const pHashThumbnailSide = 36;

/** The pHash of a 36×36 one-band thumbnail (row-major), from its central 32×32. */
export function pHashOfThumbnail(grey: ArrayLike<number>): string {
	const margin = (pHashThumbnailSide - pHashSide) / 2;
	const centre = new Float64Array(pHashSide * pHashSide);
	for (let y = 0; y < pHashSide; y++) {
		for (let x = 0; x < pHashSide; x++) {
			centre[y * pHashSide + x] = grey[(y + margin) * pHashThumbnailSide + x + margin] ?? 0;
		}
	}

	return pHashOfGrey(centre);
}

/**
How much of each side a small crop takes off, for the crop-tolerant lookups: the pHash of an
image's centre with this much gone from every side (`pHashOfCentre`) is close to the plain pHash
of a copy cropped that much. Measured on the near-duplicate bench (3% a side): the six crops whose
plain pHashes were 14 to 22 bits apart came within 0 to 2 bits this way.
*/
export const nearCropFraction = 0.03;

/** Where each of the 32 samples of pHashOfCentre falls in the 36-pixel thumbnail: pixel, weight. */
const centreSamples = Array.from({length: pHashSide}, (_, sample) => {
	const zoom = 1 - 2 * nearCropFraction;
	const at = pHashThumbnailSide / 2 + (sample + 0.5 - pHashSide / 2) * zoom - 0.5;
	const pixel = Math.floor(at);
	return {pixel, weight: at - pixel};
});

/**
The pHash of the centre of a 36×36 thumbnail as if `nearCropFraction` had been cut from every
side first: the central 32×32 of that crop, sampled bilinearly from the thumbnail.
*/
export function pHashOfCentre(grey: ArrayLike<number>): string {
	const side = pHashThumbnailSide;
	const centre = new Float64Array(pHashSide * pHashSide);
	for (let y = 0; y < pHashSide; y++) {
		const {pixel: top, weight: fy} = centreSamples[y] ?? {pixel: 0, weight: 0};
		const upperRow = top * side;
		const lowerRow = upperRow + side;
		for (let x = 0; x < pHashSide; x++) {
			const {pixel: left, weight: fx} = centreSamples[x] ?? {pixel: 0, weight: 0};
			const upper = (grey[upperRow + left] ?? 0) * (1 - fx) + (grey[upperRow + left + 1] ?? 0) * fx;
			const lower = (grey[lowerRow + left] ?? 0) * (1 - fx) + (grey[lowerRow + left + 1] ?? 0) * fx;
			centre[y * pHashSide + x] = upper * (1 - fy) + lower * fy;
		}
	}

	return pHashOfGrey(centre);
}
