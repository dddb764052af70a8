import type {ImageFeatures} from '../image/features.js';
import {screenshotLogit} from './builtin.js';

/** The scalar measures, in vector order. */
const scalarNames = [
	'flatFraction',
	'flatRuns',
	'distinctColours',
	'dominantColour',
	'edgeDensity',
	'crispEdges',
	'saturation',
	'lumaSpread',
	'screenSize',
	'screenAspect',
	'png',
	'camera',
] as const;

/** Length of each block of the vector: scalars (+ aspect and builtin score), histogram, layout. */
export const vectorBlocks = [scalarNames.length + 2, 64, 16] as const;

export const vectorLength = vectorBlocks.reduce((sum, length) => sum + length, 0);

/** The learner's input: every feature as one flat vector, in a fixed order. */
export function featureVector(features: ImageFeatures): number[] {
	const aspect = Math.abs(Math.log(Math.max(1, features.width) / Math.max(1, features.height)));
	return [
		...scalarNames.map((name) => features[name]),
		aspect,
		screenshotLogit(features) / 10,
		...features.histogram,
		...features.layout,
	];
}

/**
Each block's total say in a nearest-neighbour distance: the 14 scalar measures are robust from the
first labels; the 80 colour and layout values are noisy with few examples, so they only nudge.
*/
export const neighbourShares = [1, 0.1, 0.1] as const;

/** Per-dimension weights that give block `i` a total say of `shares[i]`, however long it is. */
export function blockWeights(
	blocks: readonly number[],
	shares: readonly number[] = neighbourShares,
): number[] {
	return blocks.flatMap((length, index) =>
		Array<number>(length).fill((shares[index] ?? 1) / length),
	);
}
