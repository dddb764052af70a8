import type {PixelImage} from './types.js';

/** Colours quantized to 5 bits a channel: 32768 bins, small enough to scan every frame. */
const binBits = 5;
const binCount = 1 << (3 * binBits);
const binOf = (red: number, green: number, blue: number) =>
	((red >> 3) << 10) | ((green >> 3) << 5) | (blue >> 3);

export interface QuantizedImage {
	/** RGB triples, 0-255. */
	readonly palette: Uint8Array;
	readonly colors: number;
	/** One palette index per pixel. */
	readonly indices: Uint8Array;
}

type Box = {bins: number[]; weight: number; priority?: number};

function channelOf(bin: number, channel: number): number {
	return (bin >> (10 - channel * 5)) & 31;
}

function widestChannel(box: Box): {widest: number; widestRange: number} {
	let widest = 0;
	let widestRange = -1;
	for (let channel = 0; channel < 3; channel++) {
		let low = 31;
		let high = 0;
		for (const bin of box.bins) {
			const value = channelOf(bin, channel);
			if (value < low) low = value;
			if (value > high) high = value;
		}
		if (high - low > widestRange) {
			widestRange = high - low;
			widest = channel;
		}
	}
	return {widest, widestRange};
}

/** Splitting pays most where many pixels spread over a wide range. */
function priorityOf(box: Box): number {
	box.priority ??= box.bins.length < 2 ? 0 : box.weight * widestChannel(box).widestRange;
	return box.priority;
}

/** Splits the box along its widest channel at the weighted median. */
function split(box: Box, counts: Uint32Array): [Box, Box] | undefined {
	const {widest, widestRange} = widestChannel(box);
	if (widestRange <= 0 || box.bins.length < 2) return undefined;
	// A counting sort on the 32 levels of the widest channel: far cheaper than a comparison sort.
	const buckets: number[][] = Array.from({length: 32}, () => []);
	for (const bin of box.bins) buckets[channelOf(bin, widest)]?.push(bin);
	box.bins = buckets.flat();
	let running = 0;
	let cut = 1;
	for (; cut < box.bins.length - 1; cut++) {
		running += counts[box.bins[cut - 1] ?? 0] ?? 0;
		if (running * 2 >= box.weight) break;
	}
	const weigh = (bins: number[]) => bins.reduce((sum, bin) => sum + (counts[bin] ?? 0), 0);
	const first = box.bins.slice(0, cut);
	const second = box.bins.slice(cut);
	return [
		{bins: first, weight: weigh(first)},
		{bins: second, weight: weigh(second)},
	];
}

/**
 * Median cut over a 15-bit colour histogram, splitting first the box with most pixels × range, then each pixel
 * mapped to its bin's mean colour's palette entry. Exact for images with ≤ maxColors bins.
 */
export function quantize(image: PixelImage, maxColors = 256): QuantizedImage {
	const {pixels, width, height} = image;
	const total = width * height;
	const counts = new Uint32Array(binCount);
	const sums = new Float64Array(binCount * 3);
	const pixelBins = new Uint16Array(total);
	for (let index = 0; index < total; index++) {
		const red = pixels[index * 3] ?? 0;
		const green = pixels[index * 3 + 1] ?? 0;
		const blue = pixels[index * 3 + 2] ?? 0;
		const bin = binOf(red, green, blue);
		pixelBins[index] = bin;
		counts[bin] = (counts[bin] ?? 0) + 1;
		sums[bin * 3] = (sums[bin * 3] ?? 0) + red;
		sums[bin * 3 + 1] = (sums[bin * 3 + 1] ?? 0) + green;
		sums[bin * 3 + 2] = (sums[bin * 3 + 2] ?? 0) + blue;
	}
	const used: number[] = [];
	for (let bin = 0; bin < binCount; bin++) if ((counts[bin] ?? 0) > 0) used.push(bin);
	let boxes: Box[] = [{bins: used, weight: total}];
	while (boxes.length < maxColors) {
		// The box hiding the most error first.
		boxes.sort((a, b) => priorityOf(b) - priorityOf(a));
		const index = 0;
		if (priorityOf(boxes[0] as Box) <= 0) break;
		const halves = split(boxes[index] as Box, counts);
		if (!halves) break;
		boxes = [...boxes.slice(0, index), ...halves, ...boxes.slice(index + 1)];
	}
	const palette = new Uint8Array(boxes.length * 3);
	const binToIndex = new Uint8Array(binCount);
	for (const [index, box] of boxes.entries()) {
		let red = 0;
		let green = 0;
		let blue = 0;
		let count = 0;
		for (const bin of box.bins) {
			red += sums[bin * 3] ?? 0;
			green += sums[bin * 3 + 1] ?? 0;
			blue += sums[bin * 3 + 2] ?? 0;
			count += counts[bin] ?? 0;
			binToIndex[bin] = index;
		}
		if (count > 0) {
			palette[index * 3] = Math.round(red / count);
			palette[index * 3 + 1] = Math.round(green / count);
			palette[index * 3 + 2] = Math.round(blue / count);
		}
	}
	const indices = new Uint8Array(total);
	for (let index = 0; index < total; index++)
		indices[index] = binToIndex[pixelBins[index] ?? 0] ?? 0;
	return {palette, colors: boxes.length, indices};
}
