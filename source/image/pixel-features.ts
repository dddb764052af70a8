/** Measures of an RGB thumbnail that tell rendered screens from camera photos; pure. */
export type PixelFeatures = {
	/** Pixels exactly equal to their right and lower neighbours. */
	readonly flatFraction: number;
	/** Pixels in horizontal runs of at least 6 identical colours: UI fills survive JPEG, sky does not. */
	readonly flatRuns: number;
	/** Distinct colours at 5 bits per channel, divided by the pixel count (capped at 1). */
	readonly distinctColours: number;
	/** The share of pixels in the most common 5-bit colour: a UI's background. */
	readonly dominantColour: number;
	/** Pixels whose luma gradient exceeds 24 levels. */
	readonly edgeDensity: number;
	/** Of those, the share above 96: text and UI edges are crisp, natural edges mostly soft. */
	readonly crispEdges: number;
	/** Mean HSV saturation, 0..1. */
	readonly saturation: number;
	/** Standard deviation of luma, 0..1. */
	readonly lumaSpread: number;
	/** A 4×4×4 RGB histogram, square-rooted so large areas do not drown the rest; 64 values. */
	readonly histogram: readonly number[];
	/** Mean luma (0..1) of a 4×4 grid over the image; 16 values, row by row. */
	readonly layout: readonly number[];
};

const flatTolerance = 0;
const minimumRun = 6;
const edgeThreshold = 24;
const crispThreshold = 96;

export function pixelFeatures(pixels: Uint8Array, width: number, height: number): PixelFeatures {
	const count = width * height;
	const luma = new Float32Array(count);
	const colourCounts = new Map<number, number>();
	const histogram = new Float64Array(64);
	const layoutSums = new Float64Array(16);
	const layoutCounts = new Float64Array(16);
	let saturationSum = 0;
	let lumaSum = 0;
	let lumaSquares = 0;
	for (let index = 0; index < count; index++) {
		const red = pixels[index * 3] ?? 0;
		const green = pixels[index * 3 + 1] ?? 0;
		const blue = pixels[index * 3 + 2] ?? 0;
		const value = (0.299 * red + 0.587 * green + 0.114 * blue) / 255;
		luma[index] = value;
		lumaSum += value;
		lumaSquares += value * value;
		const high = Math.max(red, green, blue);
		saturationSum += high === 0 ? 0 : (high - Math.min(red, green, blue)) / high;
		const colour = ((red >> 3) << 10) | ((green >> 3) << 5) | (blue >> 3);
		colourCounts.set(colour, (colourCounts.get(colour) ?? 0) + 1);
		const bin = ((red >> 6) << 4) | ((green >> 6) << 2) | (blue >> 6);
		histogram[bin] = (histogram[bin] ?? 0) + 1;
		const cell = Math.min(3, Math.floor(((index / width) | 0) / (height / 4))) * 4;
		const column = Math.min(3, Math.floor((index % width) / (width / 4)));
		layoutSums[cell + column] = (layoutSums[cell + column] ?? 0) + value;
		layoutCounts[cell + column] = (layoutCounts[cell + column] ?? 0) + 1;
	}

	let flat = 0;
	let edges = 0;
	let crisp = 0;
	for (let row = 0; row < height; row++) {
		for (let column = 0; column < width; column++) {
			const index = row * width + column;
			const right = column + 1 < width ? index + 1 : index;
			const below = row + 1 < height ? index + width : index;
			if (isClose(pixels, index, right) && isClose(pixels, index, below)) {
				flat++;
			}

			const here = luma[index] ?? 0;
			const gradient =
				255 * Math.max(Math.abs((luma[right] ?? 0) - here), Math.abs((luma[below] ?? 0) - here));
			if (gradient > edgeThreshold) {
				edges++;
				crisp += gradient > crispThreshold ? 1 : 0;
			}
		}
	}

	const mean = lumaSum / count;
	return {
		flatFraction: flat / count,
		flatRuns: pixelsInRuns(pixels, width, height) / count,
		distinctColours: Math.min(1, colourCounts.size / count),
		dominantColour: Math.max(0, ...colourCounts.values()) / count,
		edgeDensity: edges / count,
		crispEdges: edges === 0 ? 0 : crisp / edges,
		saturation: saturationSum / count,
		lumaSpread: Math.sqrt(Math.max(0, lumaSquares / count - mean * mean)),
		histogram: Array.from(histogram, (binCount) => Math.sqrt(binCount / count)),
		layout: Array.from(layoutSums, (sum, cell) => sum / Math.max(1, layoutCounts[cell] ?? 0)),
	};
}

function isClose(pixels: Uint8Array, first: number, second: number): boolean {
	for (let channel = 0; channel < 3; channel++) {
		const difference = (pixels[first * 3 + channel] ?? 0) - (pixels[second * 3 + channel] ?? 0);
		if (difference > flatTolerance || difference < -flatTolerance) {
			return false;
		}
	}

	return true;
}

function pixelsInRuns(pixels: Uint8Array, width: number, height: number): number {
	let inRuns = 0;
	for (let row = 0; row < height; row++) {
		let start = row * width;
		const end = start + width;
		for (let index = start + 1; index <= end; index++) {
			if (index === end || !isClose(pixels, start, index)) {
				inRuns += index - start >= minimumRun ? index - start : 0;
				start = index;
			}
		}
	}

	return inRuns;
}
