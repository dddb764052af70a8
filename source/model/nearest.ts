const neighbours = 5;
/** Pseudo-votes spread evenly over the classes: few or far neighbours leave the guess unsure. */
const priorVotes = 1;

/**
Class probabilities from the k nearest examples, each voting with weight 1/(1 + distance), plus
an even prior, so one example alone never gives a confident guess.
*/
export function nearestNeighbourVote(
	classes: readonly string[],
	examples: ReadonlyArray<{readonly label: string; readonly vector: readonly number[]}>,
	vector: readonly number[],
	weights?: readonly number[],
): number[] {
	const spread = dimensionSpread(examples, vector.length);
	const distances = examples.map((example) => {
		let sum = 0;
		for (let index = 0; index < vector.length; index++) {
			const difference =
				((example.vector[index] ?? 0) - (vector[index] ?? 0)) / (spread[index] ?? 1);
			sum += (weights?.[index] ?? 1) * difference * difference;
		}

		return {label: example.label, distance: Math.sqrt(sum)};
	});
	distances.sort((left, right) => left.distance - right.distance);
	const votes = classes.map(() => priorVotes / classes.length);
	for (const {label, distance} of distances.slice(0, neighbours)) {
		const index = classes.indexOf(label);
		if (index !== -1) {
			votes[index] = (votes[index] ?? 0) + 1 / (1 + distance);
		}
	}

	const total = votes.reduce((sum, vote) => sum + vote, 0);
	return votes.map((vote) => vote / total);
}

/** Standard deviation per dimension over the examples (1 where it is 0, or with one example). */
function dimensionSpread(
	examples: ReadonlyArray<{readonly vector: readonly number[]}>,
	dimensions: number,
): number[] {
	const spread: number[] = [];
	for (let index = 0; index < dimensions; index++) {
		let sum = 0;
		let squares = 0;
		for (const {vector} of examples) {
			sum += vector[index] ?? 0;
			squares += (vector[index] ?? 0) ** 2;
		}

		const mean = sum / Math.max(1, examples.length);
		const deviation = Math.sqrt(Math.max(0, squares / Math.max(1, examples.length) - mean * mean));
		spread.push(deviation > 1e-6 ? deviation : 1);
	}

	return spread;
}
