import {type ConfusionModel, oneCoinMatrix, posteriorOf} from './posterior.js';
import {categoriesOf, labelCounts, type RatingTable, ratersOf} from './ratings.js';

export type DawidSkeneOptions = {
	/**
	Dirichlet pseudo-count added to every cell of every confusion row and to every class prior, so
	a rater who saw few items of a class is not judged perfect or useless from one or two votes.
	*/
	readonly smoothing?: number;
	/** Extra pseudo-count on the diagonal: a rater is assumed better than chance until shown not. */
	readonly diagonalPrior?: number;
	/** Stops when no posterior moves by more than this between iterations. */
	readonly tolerance?: number;
	readonly maxIterations?: number;
};

export type DawidSkeneResult = {
	readonly model: ConfusionModel;
	/** Posterior over `model.classes` for each item with at least one vote. */
	readonly posteriors: ReadonlyMap<string, readonly number[]>;
	readonly iterations: number;
	readonly converged: boolean;
};

/**
Dawid & Skene (1979): EM over one confusion matrix per rater and the class priors. Starts from the
vote shares (soft majority vote), then alternates: estimate each rater's confusion matrix and the
priors from the current posteriors (M), and each item's posterior from them (E).
*/
export function dawidSkene(
	table: RatingTable,
	knownClasses: readonly string[] = [],
	options: DawidSkeneOptions = {},
): DawidSkeneResult {
	const smoothing = options.smoothing ?? 1;
	const diagonalPrior = options.diagonalPrior ?? 1;
	const tolerance = options.tolerance ?? 1e-6;
	const maxIterations = options.maxIterations ?? 200;
	const classes = [...new Set([...knownClasses, ...categoriesOf(table)])].sort();
	const raters = ratersOf(table);
	const items = [...table].filter(([, row]) => row.size > 0);
	let posteriors = new Map(items.map(([item, row]) => [item, voteShares(row, classes)]));
	let model = estimate(items, posteriors, classes, raters, smoothing, diagonalPrior);
	let iterations = 0;
	let converged = items.length === 0;
	while (!converged && iterations < maxIterations) {
		iterations++;
		const next = new Map(items.map(([item, row]) => [item, posteriorOf(model, row)]));
		converged = largestChange(posteriors, next) < tolerance;
		posteriors = next;
		model = estimate(items, posteriors, classes, raters, smoothing, diagonalPrior);
	}

	return {model, posteriors, iterations, converged};
}

function voteShares(row: ReadonlyMap<string, string>, classes: readonly string[]): number[] {
	const counts = labelCounts(row);
	return classes.map((name) => (counts.get(name) ?? 0) / row.size);
}

function estimate(
	items: ReadonlyArray<readonly [string, ReadonlyMap<string, string>]>,
	posteriors: ReadonlyMap<string, readonly number[]>,
	classes: readonly string[],
	raters: readonly string[],
	smoothing: number,
	diagonalPrior: number,
): ConfusionModel {
	const size = classes.length;
	const column = new Map(classes.map((name, position) => [name, position]));
	const priorCounts = classes.map(() => smoothing);
	const counts = new Map(
		raters.map((rater) => [
			rater,
			Array.from({length: size}, (_, truth) =>
				Array.from({length: size}, (_, given) => smoothing + (truth === given ? diagonalPrior : 0)),
			),
		]),
	);
	for (const [item, row] of items) {
		const posterior = posteriors.get(item) ?? [];
		for (let truth = 0; truth < size; truth++) {
			priorCounts[truth] = (priorCounts[truth] ?? 0) + (posterior[truth] ?? 0);
		}

		for (const [rater, label] of row) {
			const given = column.get(label);
			const matrix = counts.get(rater);
			if (given === undefined || !matrix) {
				continue;
			}

			for (let truth = 0; truth < size; truth++) {
				const line = matrix[truth] as number[];
				line[given] = (line[given] ?? 0) + (posterior[truth] ?? 0);
			}
		}
	}

	const priorTotal = priorCounts.reduce((sum, value) => sum + value, 0);
	const confusions = new Map(
		[...counts].map(([rater, matrix]) => [rater, matrix.map(normalized)] as const),
	);
	return {
		classes,
		priors: priorCounts.map((value) => value / priorTotal),
		confusions,
		fallback: oneCoinMatrix(size, 0.8),
	};
}

function normalized(line: readonly number[]): number[] {
	const total = line.reduce((sum, value) => sum + value, 0);
	return line.map((value) => (total > 0 ? value / total : 1 / line.length));
}

function largestChange(
	before: ReadonlyMap<string, readonly number[]>,
	after: ReadonlyMap<string, readonly number[]>,
): number {
	let largest = 0;
	for (const [item, next] of after) {
		const previous = before.get(item) ?? [];
		for (const [position, value] of next.entries()) {
			largest = Math.max(largest, Math.abs(value - (previous[position] ?? 0)));
		}
	}

	return largest;
}
