/**
Grid review against the single view on the same items: keys per image and labels per hour at
simulated guess accuracies and on the samples with the real guesses; and the calibration (ECE) of
the built-in and learned guesses on the samples.
*/
import path from 'node:path';
import type {Guess} from '../source/core/journal-record.js';
import {builtinGuess, builtinRoles} from '../source/model/builtin.js';
import {
	type CalibrationChoice,
	calibrationTolerance,
	chooseCalibration,
	minimumItems,
	type Scored,
} from '../source/model/calibration.js';
import {
	blockWeights,
	featureVector,
	vectorBlocks,
	vectorLength,
} from '../source/model/feature-vector.js';
import {Learner} from '../source/model/learner.js';
import {FeaturePool} from '../source/model/worker-pool.js';
import {gridLayoutFor} from '../source/render/grid-layout.js';
import {
	type Effort,
	labelsPerHour,
	type SimItem,
	simulatedItems,
	simulateGrid,
	simulateSingle,
} from './grid-sim.js';
import {disguisedSet, type LabeledSet, samplesSet} from './guess-sets.js';
import {mulberry32} from './synthetic-images.js';

const two = ['photo', 'screenshot'];
const four = ['cat', 'dog', 'bird', 'fish'];
export const simulatedAccuracies = [0.8, 0.9, 0.95, 0.99] as const;

export type Comparison = {
	readonly name: string;
	readonly pageSize: number;
	readonly single: Effort;
	readonly grid: Effort;
};

export type SourceCalibration = {
	readonly source: string;
	readonly images: number;
	readonly accuracy: number;
	readonly choice: CalibrationChoice;
	/** ECE after calibration, measured on items not used to fit it (two-fold). */
	readonly heldOutError: number | undefined;
};

export type GridBenchResult = {
	readonly pageSizes: {readonly small: number; readonly large: number};
	readonly comparisons: readonly Comparison[];
	readonly calibration: readonly SourceCalibration[];
};

function pageSizeAt(columns: number, rows: number): number {
	const layout = gridLayoutFor({columns, rows});
	return layout.kind === 'grid' ? layout.cells.length : 0;
}

function compare(
	name: string,
	items: readonly SimItem[],
	classes: readonly string[],
	pageSize: number,
): Comparison {
	return {
		name,
		pageSize,
		single: simulateSingle(items, classes),
		grid: simulateGrid(items, classes, pageSize),
	};
}

function asItems(
	truth: ReadonlyArray<{path: string; label: string}>,
	guesses: Map<string, Guess>,
): SimItem[] {
	const items: SimItem[] = [];
	for (const {path: itemPath, label} of truth) {
		const guess = guesses.get(itemPath);
		if (guess) {
			const other = two.find((name) => name !== guess.label) ?? '';
			items.push({
				path: itemPath,
				truth: label,
				candidate: {
					path: itemPath,
					guess,
					second: {label: other, probability: 1 - guess.confidence, only: true},
				},
			});
		}
	}

	return items;
}

/** Features and built-in guesses for a labeled set, computed by the loop's worker pool. */
async function guessesOf(set: LabeledSet) {
	const pool = new FeaturePool(2);
	const roles = builtinRoles(two);
	const vectors = new Map<string, {label: string; vector: number[]}>();
	const builtin = new Map<string, Guess>();
	await Promise.all(
		set.items.map(async (item) => {
			const result = await pool.run(path.join(set.dir, item.path));
			if (result.ok && roles) {
				vectors.set(item.path, {label: item.label, vector: featureVector(result.features)});
				builtin.set(item.path, builtinGuess(result.features, roles));
			}
		}),
	);
	await pool.close();
	return {vectors, builtin};
}

/** Leave-one-out learned guesses: each image guessed by a learner that never saw it. */
function learnedGuesses(
	vectors: Map<string, {label: string; vector: number[]}>,
): Map<string, Guess> {
	const guesses = new Map<string, Guess>();
	for (const [held] of vectors) {
		const learner = new Learner(two, vectorLength, {distanceWeights: blockWeights(vectorBlocks)});
		for (const [itemPath, {label, vector}] of vectors) {
			if (itemPath !== held) {
				learner.set(itemPath, label, vector);
			}
		}

		while (learner.train()) {
			// Train to the end, as the loop does between keypresses.
		}

		const found = vectors.get(held);
		const prediction = found && learner.predict(found.vector);
		if (prediction) {
			guesses.set(held, {...prediction, source: 'learned'});
		}
	}

	return guesses;
}

function calibrationOf(
	source: string,
	truth: Map<string, string>,
	guesses: Map<string, Guess>,
): SourceCalibration {
	const scored: Scored[] = [...guesses].map(([itemPath, guess]) => ({
		confidence: guess.confidence,
		correct: truth.get(itemPath) === guess.label,
	}));
	const choice = chooseCalibration(scored);
	const heldOut = choice.heldOut ? Math.min(...Object.values(choice.heldOut)) : undefined;
	return {
		source,
		images: scored.length,
		accuracy: scored.filter((item) => item.correct).length / scored.length,
		choice,
		heldOutError: heldOut,
	};
}

export async function runGridBench(options: {quick?: boolean} = {}): Promise<GridBenchResult> {
	const small = pageSizeAt(80, 24);
	const large = pageSizeAt(140, 45);
	const count = options.quick ? 600 : 2400;
	const comparisons: Comparison[] = [];
	for (const accuracy of simulatedAccuracies) {
		const label = `${Math.round(accuracy * 100)}%`;
		const items = simulatedItems(count, accuracy, two, mulberry32(14));
		comparisons.push(compare(`simulated ${label}, 2 classes`, items, two, large));
		comparisons.push(compare(`simulated ${label}, 2 classes`, items, two, small));
		const many = simulatedItems(count, accuracy, four, mulberry32(15));
		comparisons.push(compare(`simulated ${label}, 4 classes`, many, four, large));
	}

	const set = await samplesSet();
	const {vectors, builtin} = await guessesOf(set);
	const learned = learnedGuesses(vectors);
	// The samples give the built-in guess no error to calibrate on; a set made to fool it does.
	const hard = await disguisedSet(options.quick ? 40 : 80);
	const disguised = await guessesOf(hard);
	const disguisedTruth = new Map(hard.items.map((item) => [item.path, item.label as string]));
	const truth = new Map(set.items.map((item) => [item.path, item.label as string]));
	for (const [name, guesses] of [
		['built-in', builtin],
		['learned (leave-one-out)', learned],
	] as const) {
		comparisons.push(compare(`samples, ${name} guesses`, asItems(set.items, guesses), two, large));
	}

	return {
		pageSizes: {small, large},
		comparisons,
		calibration: [
			calibrationOf('built-in, samples', truth, builtin),
			calibrationOf('learned (leave-one-out), samples', truth, learned),
			calibrationOf('built-in, disguised set', disguisedTruth, disguised.builtin),
		],
	};
}

/** What became of a source's confidences, with the held-out figures that decided it. */
function calibrationOutcome(source: SourceCalibration): string {
	const {choice} = source;
	const {heldOut} = choice;
	if (heldOut === undefined) {
		return choice.rawError <= calibrationTolerance
			? `within ${calibrationTolerance}, left as is`
			: `left as is: ${source.images} guesses, fewer than the ${minimumItems} a fit needs`;
	}

	const isotonic = Number.isFinite(heldOut.isotonic) ? heldOut.isotonic.toFixed(3) : 'not fitted';
	const figures = `held-out ECE raw ${heldOut.identity.toFixed(3)}, temperature ${heldOut.temperature.toFixed(3)}, Platt ${heldOut.platt.toFixed(3)}, isotonic ${isotonic}`;
	return choice.calibration.kind === 'identity'
		? `left as is, no fit did better (${figures})`
		: `calibrated (${choice.calibration.kind}; ${figures})`;
}

const perImage = (effort: Effort) => (effort.keys / effort.images).toFixed(3);

export function formatGridBench(result: GridBenchResult): string {
	const {small, large} = result.pageSizes;
	const lines = [
		`  page size: ${small} cells at 80×24, ${large} at 140×45; cost model: see README "Grid review and auto-accept"`,
		`  ${'items'.padEnd(42)} ${'cells'.padStart(5)}  keys/image single → grid   labels/h single → grid   ratio`,
	];
	for (const {name, pageSize, single, grid} of result.comparisons) {
		const singleRate = labelsPerHour(single);
		const gridRate = labelsPerHour(grid);
		lines.push(
			`  ${name.padEnd(42)} ${String(pageSize).padStart(5)}  ${perImage(single)} → ${perImage(grid)}${grid.leftForSingle > 0 ? ` (${grid.leftForSingle} left to single)` : ''}`.padEnd(
				84,
			) +
				`${Math.round(singleRate)} → ${Math.round(gridRate)}`.padEnd(24) +
				`${(gridRate / singleRate).toFixed(2)}×`,
		);
	}

	lines.push('  goal at 95% (140×45): ≥ 3× labels/h, ≤ 0.2 keys/image');
	for (const source of result.calibration) {
		const {choice} = source;
		const after = calibrationOutcome(source);
		lines.push(
			`  ECE (10 bins), ${source.source} guesses on ${source.images} images (accuracy ${(source.accuracy * 100).toFixed(1)}%): ${choice.rawError.toFixed(3)}; ${after}`,
		);
	}

	return lines.join('\n');
}
