import {
	type Example,
	emptyLogistic,
	type LogisticModel,
	probabilities,
	trainLogistic,
} from './logistic.js';
import {nearestNeighbourVote} from './nearest.js';

export type Prediction = {readonly label: string; readonly confidence: number};

export type LearnerOptions = {
	/** Below this many examples the learner votes by nearest neighbours; from it on, regression. */
	readonly logisticFrom?: number;
	/** Per-dimension weights for neighbour distances. */
	readonly distanceWeights?: readonly number[];
};

export type LearnerJson = {
	readonly version: 1;
	readonly classes: readonly string[];
	readonly dimensions: number;
	/** How many labels it had learned from when saved. */
	readonly labels: number;
	/** Left out when the examples can be rebuilt elsewhere (the feature cache): keeps saves small. */
	readonly examples?: ReadonlyArray<readonly [path: string, label: string, vector: number[]]>;
	readonly logistic: LogisticModel | undefined;
};

/** Work per training call, in multiply-adds: keeps one update to a few milliseconds. */
const trainingBudget = 2_000_000;
/** And a wall-clock cap, so a slow machine or a cold JIT cannot stall a frame. */
const trainingBudgetMs = 8;

/**
An online classifier for any classes, keyed by item path so a relabel or undo replaces or removes
its example exactly. Pure (no I/O): the caller persists `toJson()`.
*/
export class Learner {
	readonly classes: readonly string[];
	readonly dimensions: number;
	readonly #examples = new Map<string, {label: string; vector: number[]}>();
	readonly #logisticFrom: number;
	readonly #distanceWeights: readonly number[] | undefined;
	#logistic: LogisticModel | undefined;
	#dirty = false;

	constructor(classes: readonly string[], dimensions: number, options: LearnerOptions = {}) {
		this.classes = classes;
		this.dimensions = dimensions;
		this.#logisticFrom = options.logisticFrom ?? 40;
		this.#distanceWeights = options.distanceWeights;
	}

	static fromJson(json: LearnerJson, options: LearnerOptions = {}): Learner {
		const learner = new Learner(json.classes, json.dimensions, options);
		for (const [path, label, vector] of json.examples ?? []) {
			learner.set(path, label, vector);
		}

		learner.#logistic = json.logistic;
		learner.#dirty = false;
		return learner;
	}

	toJson(withExamples = true): LearnerJson {
		const json = {
			version: 1 as const,
			classes: this.classes,
			dimensions: this.dimensions,
			labels: this.#examples.size,
			logistic: this.#logistic,
		};
		return withExamples
			? {
					...json,
					examples: [...this.#examples].map(
						([path, {label, vector}]) => [path, label, vector] as const,
					),
				}
			: json;
	}

	/** How many labelled images it has learned from. */
	get size(): number {
		return this.#examples.size;
	}

	/** True when examples changed since the last `train`. */
	get needsTraining(): boolean {
		return this.#dirty;
	}

	labelOf(path: string): string | undefined {
		return this.#examples.get(path)?.label;
	}

	paths(): IterableIterator<string> {
		return this.#examples.keys();
	}

	/** Adds or replaces the example for `path`; ignores labels that are not classes. */
	set(path: string, label: string, vector: readonly number[]): void {
		if (!this.classes.includes(label) || vector.length !== this.dimensions) {
			return;
		}

		this.#examples.set(path, {label, vector: [...vector]});
		this.#dirty = true;
	}

	remove(path: string): void {
		this.#dirty = this.#examples.delete(path) || this.#dirty;
	}

	/**
	Advances the regression a bounded number of steps (warm-started); returns true when it is worth
	calling again (not yet settled). A no-op while nearest neighbours are in use.
	*/
	train(iterations?: number): boolean {
		this.#dirty = false;
		if (this.#examples.size < this.#logisticFrom || this.#labelsSeen() < 2) {
			return false;
		}

		this.#logistic ??= emptyLogistic(this.classes.length, this.dimensions);
		const examples = this.#trainingSet();
		const affordable = Math.floor(
			trainingBudget / (examples.length * (this.dimensions + 1) * this.classes.length),
		);
		const steps = iterations ?? Math.max(2, Math.min(50, affordable));
		trainLogistic(
			this.#logistic,
			examples,
			steps,
			iterations === undefined ? trainingBudgetMs : undefined,
		);
		return this.#logistic.steps < 300;
	}

	/** The most likely class and its probability, or undefined before any example. */
	predict(vector: readonly number[]): Prediction | undefined {
		if (this.#examples.size === 0) {
			return undefined;
		}

		const scores =
			this.#logistic && this.#examples.size >= this.#logisticFrom && this.#labelsSeen() >= 2
				? probabilities(this.#logistic, vector)
				: nearestNeighbourVote(
						this.classes,
						[...this.#examples.values()],
						vector,
						this.#distanceWeights,
					);
		let best = 0;
		for (const [index, score] of scores.entries()) {
			best = score > (scores[best] ?? 0) ? index : best;
		}

		return {label: this.classes[best] ?? '', confidence: scores[best] ?? 0};
	}

	/** How many classes have at least one example. */
	get classesSeen(): number {
		return this.#labelsSeen();
	}

	#labelsSeen(): number {
		return new Set([...this.#examples.values()].map((example) => example.label)).size;
	}

	#trainingSet(): Example[] {
		return [...this.#examples.values()].map(({label, vector}) => ({
			vector,
			classIndex: this.classes.indexOf(label),
		}));
	}
}
