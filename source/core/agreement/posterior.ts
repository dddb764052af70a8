/**
The posterior over true classes for one item's votes, given each rater's confusion matrix
(confusion[rater][true][given], rows summing to 1) and class priors. Computed in log space so
many votes do not underflow. Unknown raters or labels fall back to `fallback`.
*/
export type ConfusionModel = {
	readonly classes: readonly string[];
	readonly priors: readonly number[];
	/** Per rater: row per true class, column per given class. */
	readonly confusions: ReadonlyMap<string, readonly (readonly number[])[]>;
	/** Used for a rater the model has not seen. */
	readonly fallback: readonly (readonly number[])[];
};

export function posteriorOf(model: ConfusionModel, votes: ReadonlyMap<string, string>): number[] {
	return posteriorScorer(model)(votes);
}

/** posteriorOf with the model's lookups and logs prepared once, for scoring many items. */
export function posteriorScorer(
	model: ConfusionModel,
): (votes: ReadonlyMap<string, string>) => number[] {
	const {classes, priors} = model;
	const column = new Map(classes.map((name, position) => [name, position]));
	const logOf = (matrix: readonly (readonly number[])[]) =>
		matrix.map((row) => row.map((value) => Math.log(value > 0 ? value : 1e-12)));
	const logConfusions = new Map(
		[...model.confusions].map(([rater, matrix]) => [rater, logOf(matrix)]),
	);
	const logFallback = logOf(model.fallback);
	const logPriors = classes.map((_, truth) => Math.log(priors[truth] ?? 1e-12));
	return (votes) => {
		const logs = [...logPriors];
		for (const [rater, label] of votes) {
			const given = column.get(label);
			if (given === undefined) {
				continue;
			}

			const matrix = logConfusions.get(rater) ?? logFallback;
			for (let truth = 0; truth < classes.length; truth++) {
				logs[truth] = (logs[truth] ?? 0) + (matrix[truth]?.[given] ?? Math.log(1e-12));
			}
		}

		const top = Math.max(...logs);
		const weights = logs.map((value) => Math.exp(value - top));
		const total = weights.reduce((sum, value) => sum + value, 0);
		return weights.map((value) => value / total);
	};
}

/**
The one-coin model every rater shares before there is data to tell them apart: right with
probability `accuracy`, wrong evenly over the other classes. Its posterior picks the plurality
label, and a tie gives a tie, so it is majority vote with a confidence attached.
*/
export function oneCoinMatrix(classCount: number, accuracy: number): number[][] {
	if (classCount <= 1) {
		return [[1]];
	}

	const miss = (1 - accuracy) / (classCount - 1);
	return Array.from({length: classCount}, (_, truth) =>
		Array.from({length: classCount}, (_, given) => (truth === given ? accuracy : miss)),
	);
}

/** Majority vote as a model: uniform priors, every rater at the same assumed accuracy. */
export function majorityModel(classes: readonly string[], accuracy = 0.8): ConfusionModel {
	return {
		classes,
		priors: classes.map(() => 1 / classes.length),
		confusions: new Map(),
		fallback: oneCoinMatrix(classes.length, accuracy),
	};
}
