/**
The second test two images pass before they are called near duplicates, after their hashes
make them candidates (scan/near-candidates.ts): their 64×64 colour thumbnails, each channel brought
to mean 0 and a fixed spread (so a brightness or contrast change cancels), are compared in 8×8
blocks over the central 80%. The score is how much the worst block differs beyond the typical
block (max minus median of the block means): re-encoding and resizing move every block a little,
while two screenshots of one app template (same header and background, different text and
product photo) differ a lot in a few blocks.

A small crop: each image also has a thumbnail of its centre with `nearCropFraction` cut from
every side, taken from the decoded image (not resampled from the 64×64 one, whose blur made crops
score up to 11), and one image's centre is compared with the other's whole. Measured with
bench/near-dup-bench.ts: crops of 3% a side scored at most 3.2 this way (11 before), re-encodes
2.2, resizes 5.9; the closest unrelated candidate pair 9.3 (two screenshots of one template).
*/

export const nearThumbnailSide = 64;

/** Each channel of a thumbnail, mean 0 and standard deviation `spread`, row-major. */
export type NearChannels = readonly Float32Array[];

/** The whole image's thumbnail and its centre's (`nearCropFraction` cut from every side). */
export type NearThumbnail = {readonly whole: NearChannels; readonly centre: NearChannels};

/** Above this score two images are different, however close their hashes. */
export const nearMaxDifference = 6;

const spread = 40;
const blocks = 8;
/** Scalings of the whole thumbnails tried: a crop of about 1.5% a side falls between. */
const scales = [0.97, 1];

/** Normalises one channel of interleaved 8-bit pixels. */
export function normalisedChannel(pixels: Uint8Array, channels: number, channel: number) {
	const count = Math.floor(pixels.length / channels);
	const values = new Float32Array(count);
	let sum = 0;
	for (let index = 0; index < count; index++) {
		const value = pixels[index * channels + channel] ?? 0;
		values[index] = value;
		sum += value;
	}

	const mean = sum / Math.max(1, count);
	let squares = 0;
	for (const value of values) {
		squares += (value - mean) ** 2;
	}

	const deviation = Math.sqrt(squares / Math.max(1, count)) || 1;
	return values.map((value) => ((value - mean) / deviation) * spread);
}

function bilinear(values: Float32Array, x: number, y: number): number {
	const side = nearThumbnailSide;
	const clampedX = Math.min(side - 1.001, Math.max(0, x));
	const clampedY = Math.min(side - 1.001, Math.max(0, y));
	const left = Math.floor(clampedX);
	const top = Math.floor(clampedY);
	const fx = clampedX - left;
	const fy = clampedY - top;
	const at = top * side + left;
	const upper = (values[at] ?? 0) * (1 - fx) + (values[at + 1] ?? 0) * fx;
	const lower = (values[at + side] ?? 0) * (1 - fx) + (values[at + side + 1] ?? 0) * fx;
	return upper * (1 - fy) + lower * fy;
}

/** The score of `fixed` against `moving` sampled `scale` times as far from the centre. */
function scoreAt(fixed: NearChannels, moving: NearChannels, scale: number): number {
	const side = nearThumbnailSide;
	const centre = (side - 1) / 2;
	const low = Math.floor(side * 0.1);
	const high = Math.ceil(side * 0.9);
	const span = high - low;
	const sums = new Float64Array(blocks * blocks);
	const counts = new Float64Array(blocks * blocks);
	const channels = Math.min(fixed.length, moving.length);
	for (let y = low; y < high; y++) {
		const row = Math.floor(((y - low) * blocks) / span) * blocks;
		const sourceY = centre + (y - centre) * scale;
		for (let x = low; x < high; x++) {
			const sourceX = centre + (x - centre) * scale;
			let difference = 0;
			for (let channel = 0; channel < channels; channel++) {
				const here = fixed[channel]?.[y * side + x] ?? 0;
				const there = moving[channel];
				difference += there === undefined ? 0 : Math.abs(here - bilinear(there, sourceX, sourceY));
			}

			const block = row + Math.floor(((x - low) * blocks) / span);
			sums[block] = (sums[block] ?? 0) + difference / channels;
			counts[block] = (counts[block] ?? 0) + 1;
		}
	}

	const means = [...sums].map((sum, block) => sum / Math.max(1, counts[block] ?? 0));
	means.sort((left, right) => left - right);
	return (means.at(-1) ?? 0) - (means[Math.floor(means.length / 2)] ?? 0);
}

/**
The lowest score over the scalings of the whole thumbnails, either image taken as the cropped one,
and over each image's centre against the other's whole.
*/
export function thumbnailDifference(left: NearThumbnail, right: NearThumbnail): number {
	let best = Math.min(scoreAt(left.centre, right.whole, 1), scoreAt(left.whole, right.centre, 1));
	for (const scale of scales) {
		best = Math.min(best, scoreAt(left.whole, right.whole, scale));
		if (scale !== 1) {
			best = Math.min(best, scoreAt(right.whole, left.whole, scale));
		}
	}

	return best;
}
