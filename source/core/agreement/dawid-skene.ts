import {type ConfusionModel, oneCoinMatrix} from './posterior.js';
import {categoriesOf, type RatingTable, ratersOf} from './ratings.js';

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
	/**
	Items whose true class is known (an adjudicator decided them): their posterior stays on that
	class, so they teach each rater's confusion matrix instead of being guessed.
	*/
	readonly known?: ReadonlyMap<string, string>;
};

export type DawidSkeneResult = {
	readonly model: ConfusionModel;
	/** Posterior over `model.classes` for each item with at least one vote. */
	readonly posteriors: ReadonlyMap<string, readonly number[]>;
	readonly iterations: number;
	readonly converged: boolean;
};

/** The votes as flat arrays: item i's votes are at [start[i], start[i + 1]). */
type Encoded = {
	readonly items: readonly string[];
	readonly start: Int32Array;
	readonly rater: Int32Array;
	readonly label: Int32Array;
};

/**
Dawid & Skene (1979): EM over one confusion matrix per rater and the class priors. Starts from the
vote shares (soft majority vote), then alternates: estimate each rater's confusion matrix and the
priors from the current posteriors (M), and each item's posterior from them (E). Flat typed arrays
keep an iteration over 100k items × 3 votes to a few milliseconds.
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
	const size = classes.length;
	const votes = encode(table, classes, raters);
	const known = knownCells(votes, classes, options.known);
	const posterior = initialShares(votes, size);
	pin(posterior, known, size);
	const logs = {
		prior: new Float64Array(size),
		confusion: new Float64Array(raters.length * size * size),
	};
	let counts = maximize(votes, posterior, size, raters.length, smoothing, diagonalPrior, logs);
	let iterations = 0;
	let converged = votes.items.length === 0;
	while (!converged && iterations < maxIterations) {
		iterations++;
		const change = expect(votes, posterior, size, logs);
		pin(posterior, known, size);
		converged = change < tolerance;
		counts = maximize(votes, posterior, size, raters.length, smoothing, diagonalPrior, logs);
	}

	const posteriors = new Map<string, number[]>();
	for (const [index, item] of votes.items.entries()) {
		posteriors.set(item, Array.from(posterior.subarray(index * size, (index + 1) * size)));
	}

	const confusions = new Map(
		raters.map((name, r) => [
			name,
			Array.from({length: size}, (_, truth) => {
				const row = counts.confusion.subarray(
					(r * size + truth) * size,
					(r * size + truth + 1) * size,
				);
				const total = row.reduce((sum, value) => sum + value, 0);
				return Array.from(row, (value) => value / total);
			}),
		]),
	);
	const priorTotal = counts.prior.reduce((sum, value) => sum + value, 0);
	const model: ConfusionModel = {
		classes,
		priors: Array.from(counts.prior, (value) => value / priorTotal),
		confusions,
		fallback: oneCoinMatrix(size, 0.8),
	};
	return {model, posteriors, iterations, converged};
}

function encode(
	table: RatingTable,
	classes: readonly string[],
	raters: readonly string[],
): Encoded {
	const classIndex = new Map(classes.map((name, position) => [name, position]));
	const raterIndex = new Map(raters.map((name, position) => [name, position]));
	const items: string[] = [];
	const rater: number[] = [];
	const label: number[] = [];
	const start: number[] = [0];
	for (const [item, row] of table) {
		if (row.size === 0) {
			continue;
		}

		items.push(item);
		for (const [name, given] of row) {
			rater.push(raterIndex.get(name) ?? 0);
			label.push(classIndex.get(given) ?? 0);
		}

		start.push(rater.length);
	}

	return {
		items,
		start: Int32Array.from(start),
		rater: Int32Array.from(rater),
		label: Int32Array.from(label),
	};
}

/** For each item with a known class, that class's index (item index -> class index). */
function knownCells(
	votes: Encoded,
	classes: readonly string[],
	known: ReadonlyMap<string, string> | undefined,
): Map<number, number> {
	const cells = new Map<number, number>();
	if (!known) {
		return cells;
	}

	const classIndex = new Map(classes.map((name, position) => [name, position]));
	for (const [index, item] of votes.items.entries()) {
		const truth = classIndex.get(known.get(item) ?? '');
		if (truth !== undefined) {
			cells.set(index, truth);
		}
	}

	return cells;
}

/** Puts each known item's whole posterior on its known class. */
function pin(posterior: Float64Array, known: ReadonlyMap<number, number>, size: number): void {
	for (const [item, truth] of known) {
		posterior.fill(0, item * size, (item + 1) * size);
		posterior[item * size + truth] = 1;
	}
}

function initialShares(votes: Encoded, size: number): Float64Array {
	const posterior = new Float64Array(votes.items.length * size);
	for (let item = 0; item < votes.items.length; item++) {
		const from = votes.start[item] ?? 0;
		const to = votes.start[item + 1] ?? 0;
		for (let vote = from; vote < to; vote++) {
			const cell = item * size + (votes.label[vote] ?? 0);
			posterior[cell] = (posterior[cell] ?? 0) + 1 / (to - from);
		}
	}

	return posterior;
}

/** M step: smoothed counts from the posteriors; leaves their logs (normalized) in `logs`. */
function maximize(
	votes: Encoded,
	posterior: Float64Array,
	size: number,
	raterCount: number,
	smoothing: number,
	diagonalPrior: number,
	logs: {prior: Float64Array; confusion: Float64Array},
): {prior: Float64Array; confusion: Float64Array} {
	const prior = new Float64Array(size).fill(smoothing);
	const confusion = new Float64Array(raterCount * size * size).fill(smoothing);
	for (let r = 0; r < raterCount; r++) {
		for (let truth = 0; truth < size; truth++) {
			const cell = (r * size + truth) * size + truth;
			confusion[cell] = (confusion[cell] ?? 0) + diagonalPrior;
		}
	}

	for (let item = 0; item < votes.items.length; item++) {
		const base = item * size;
		for (let truth = 0; truth < size; truth++) {
			prior[truth] = (prior[truth] ?? 0) + (posterior[base + truth] ?? 0);
		}

		for (let vote = votes.start[item] ?? 0; vote < (votes.start[item + 1] ?? 0); vote++) {
			const r = votes.rater[vote] ?? 0;
			const given = votes.label[vote] ?? 0;
			for (let truth = 0; truth < size; truth++) {
				const cell = (r * size + truth) * size + given;
				confusion[cell] = (confusion[cell] ?? 0) + (posterior[base + truth] ?? 0);
			}
		}
	}

	const priorTotal = prior.reduce((sum, value) => sum + value, 0);
	for (let truth = 0; truth < size; truth++) {
		logs.prior[truth] = Math.log((prior[truth] ?? 0) / priorTotal);
	}

	for (let row = 0; row < raterCount * size; row++) {
		let total = 0;
		for (let given = 0; given < size; given++) {
			total += confusion[row * size + given] ?? 0;
		}

		for (let given = 0; given < size; given++) {
			logs.confusion[row * size + given] = Math.log((confusion[row * size + given] ?? 0) / total);
		}
	}

	return {prior, confusion};
}

/** E step: each item's posterior from the logs, in place; returns the largest change. */
function expect(
	votes: Encoded,
	posterior: Float64Array,
	size: number,
	logs: {prior: Float64Array; confusion: Float64Array},
): number {
	const scores = new Float64Array(size);
	let largest = 0;
	for (let item = 0; item < votes.items.length; item++) {
		scores.set(logs.prior);
		for (let vote = votes.start[item] ?? 0; vote < (votes.start[item + 1] ?? 0); vote++) {
			const r = votes.rater[vote] ?? 0;
			const given = votes.label[vote] ?? 0;
			for (let truth = 0; truth < size; truth++) {
				scores[truth] =
					(scores[truth] ?? 0) + (logs.confusion[(r * size + truth) * size + given] ?? 0);
			}
		}

		let top = Number.NEGATIVE_INFINITY;
		for (const score of scores) {
			top = Math.max(top, score);
		}

		let total = 0;
		for (let truth = 0; truth < size; truth++) {
			const weight = Math.exp((scores[truth] ?? 0) - top);
			scores[truth] = weight;
			total += weight;
		}

		for (let truth = 0; truth < size; truth++) {
			const next = (scores[truth] ?? 0) / total;
			const cell = item * size + truth;
			largest = Math.max(largest, Math.abs(next - (posterior[cell] ?? 0)));
			posterior[cell] = next;
		}
	}

	return largest;
}
