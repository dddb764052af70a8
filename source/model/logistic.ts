/**
Multinomial logistic regression on standardized inputs, trained by full-batch Adam with L2. Pure;
warm-started, so each call to `train` continues from the last weights.
*/
export type LogisticModel = {
	/** classes × (dimensions + 1); the last column is the bias. */
	weights: number[][];
	mean: number[];
	scale: number[];
	/** Adam's moments, kept so warm starts continue smoothly. */
	moment1: number[][];
	moment2: number[][];
	steps: number;
};

export type Example = {readonly vector: readonly number[]; readonly classIndex: number};

const learningRate = 0.05;
const l2 = 0.01;
const beta1 = 0.9;
const beta2 = 0.999;

const zeros = (rows: number, columns: number) =>
	Array.from({length: rows}, () => Array<number>(columns).fill(0));

export function emptyLogistic(classCount: number, dimensions: number): LogisticModel {
	return {
		weights: zeros(classCount, dimensions + 1),
		mean: Array<number>(dimensions).fill(0),
		scale: Array<number>(dimensions).fill(1),
		moment1: zeros(classCount, dimensions + 1),
		moment2: zeros(classCount, dimensions + 1),
		steps: 0,
	};
}

/** Mean and spread of each dimension; a constant dimension gets scale 1 so it stays harmless. */
export function standardization(examples: readonly Example[], dimensions: number) {
	const mean = Array<number>(dimensions).fill(0);
	const scale = Array<number>(dimensions).fill(0);
	for (const {vector} of examples) {
		for (let index = 0; index < dimensions; index++) {
			mean[index] = (mean[index] ?? 0) + (vector[index] ?? 0) / examples.length;
		}
	}

	for (const {vector} of examples) {
		for (let index = 0; index < dimensions; index++) {
			scale[index] = (scale[index] ?? 0) + ((vector[index] ?? 0) - (mean[index] ?? 0)) ** 2;
		}
	}

	return {
		mean,
		scale: scale.map((sum) => {
			const deviation = Math.sqrt(sum / Math.max(1, examples.length));
			return deviation > 1e-6 ? deviation : 1;
		}),
	};
}

export function standardize(model: LogisticModel, vector: readonly number[]): number[] {
	return model.mean.map((mean, index) => ((vector[index] ?? 0) - mean) / (model.scale[index] ?? 1));
}

/** Class probabilities for one vector. */
export function probabilities(model: LogisticModel, vector: readonly number[]): number[] {
	return probabilitiesOfInput(model.weights, standardize(model, vector));
}

/** Runs up to `iterations` full-batch Adam steps, in place, stopping early past `budgetMs`. */
export function trainLogistic(
	model: LogisticModel,
	examples: readonly Example[],
	iterations: number,
	budgetMs = Number.POSITIVE_INFINITY,
): void {
	if (examples.length === 0) {
		return;
	}

	const started = performance.now();
	Object.assign(model, standardization(examples, model.mean.length));
	const dimensions = model.mean.length;
	const columns = dimensions + 1;
	const classes = model.weights.length;
	// Flat typed arrays: this loop runs between keypresses and must not feed the garbage collector.
	const inputs = new Float64Array(examples.length * columns);
	for (const [row, example] of examples.entries()) {
		const input = standardize(model, example.vector);
		inputs.set(input, row * columns);
		inputs[row * columns + dimensions] = 1;
	}

	const weights = new Float64Array(classes * columns);
	for (const [classIndex, row] of model.weights.entries()) {
		weights.set(row, classIndex * columns);
	}

	const gradient = new Float64Array(classes * columns);
	const scores = new Float64Array(classes);
	for (let step = 0; step < iterations && performance.now() - started < budgetMs; step++) {
		gradient.fill(0);
		for (let row = 0; row < examples.length; row++) {
			const offset = row * columns;
			let top = Number.NEGATIVE_INFINITY;
			for (let classIndex = 0; classIndex < classes; classIndex++) {
				let sum = 0;
				for (let index = 0; index < columns; index++) {
					sum += (weights[classIndex * columns + index] ?? 0) * (inputs[offset + index] ?? 0);
				}

				scores[classIndex] = sum;
				top = Math.max(top, sum);
			}

			let total = 0;
			for (let classIndex = 0; classIndex < classes; classIndex++) {
				const value = Math.exp((scores[classIndex] ?? 0) - top);
				scores[classIndex] = value;
				total += value;
			}

			const target = examples[row]?.classIndex ?? 0;
			for (let classIndex = 0; classIndex < classes; classIndex++) {
				const error = (scores[classIndex] ?? 0) / total - (classIndex === target ? 1 : 0);
				for (let index = 0; index < columns; index++) {
					const at = classIndex * columns + index;
					gradient[at] = (gradient[at] ?? 0) + error * (inputs[offset + index] ?? 0);
				}
			}
		}

		model.steps++;
		adamStep(model, weights, gradient, columns, examples.length);
	}

	for (const [classIndex, row] of model.weights.entries()) {
		for (let index = 0; index < columns; index++) {
			row[index] = weights[classIndex * columns + index] ?? 0;
		}
	}
}

function adamStep(
	model: LogisticModel,
	weights: Float64Array,
	gradient: Float64Array,
	columns: number,
	count: number,
): void {
	const correction1 = 1 - beta1 ** model.steps;
	const correction2 = 1 - beta2 ** model.steps;
	for (let classIndex = 0; classIndex < model.weights.length; classIndex++) {
		const m1 = model.moment1[classIndex] ?? [];
		const m2 = model.moment2[classIndex] ?? [];
		for (let index = 0; index < columns; index++) {
			const at = classIndex * columns + index;
			const weight = weights[at] ?? 0;
			const isBias = index === columns - 1;
			const value = (gradient[at] ?? 0) / count + (isBias ? 0 : l2 * weight);
			m1[index] = beta1 * (m1[index] ?? 0) + (1 - beta1) * value;
			m2[index] = beta2 * (m2[index] ?? 0) + (1 - beta2) * value * value;
			weights[at] =
				weight -
				(learningRate * ((m1[index] ?? 0) / correction1)) /
					(Math.sqrt((m2[index] ?? 0) / correction2) + 1e-8);
		}
	}
}

function probabilitiesOfInput(weights: readonly number[][], input: readonly number[]): number[] {
	const logits = weights.map((row) => {
		let sum = row[input.length] ?? 0;
		for (let index = 0; index < input.length; index++) {
			sum += (row[index] ?? 0) * (input[index] ?? 0);
		}

		return sum;
	});
	const top = Math.max(...logits);
	const exps = logits.map((logit) => Math.exp(logit - top));
	const total = exps.reduce((sum, value) => sum + value, 0);
	return exps.map((value) => value / total);
}
