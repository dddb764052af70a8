import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {Listeners} from '../shared/listeners.js';
import {atomicTextFile, type TextAdapter} from '../store/atomic-file.js';
import {blockWeights, vectorBlocks, vectorLength} from './feature-vector.js';
import {Learner, type LearnerJson, type Prediction} from './learner.js';

export function learnerPath(labels: string): string {
	return path.join(labels, 'learner.json');
}

const saveDelayMs = 1000;
/** Feature look-ups in flight for learning: the cursor's own guess and prefetch go first. */
const fetchesAtOnce = 2;
/** Decisions over which the learner and the built-in guess are compared. */
const comparisonWindow = 20;

/** An example to learn, and what the built-in guess said about it (when there is one). */
export type LearnerExample = {
	readonly vector: readonly number[];
	readonly baseline: string | undefined;
};
const learnerOptions = {distanceWeights: blockWeights(vectorBlocks)};

/**
Keeps a Learner in step with the session's decisions: trains in small slices between keypresses
(setImmediate), never on the key's own path, and saves its weights to `.labels/learner.json`
shortly after it changes. The weights are a head start; `update` re-adds the examples from the
journal's recent decisions and the feature cache.
*/
export class LearnerHost {
	readonly #learner: Learner;
	readonly #file: TextAdapter;
	readonly #listeners = new Listeners();
	readonly #wanted = new Map<string, string>();
	/** Decisions whose features are still to be fetched, oldest change first. */
	readonly #waiting = new Map<string, string>();
	#fetching = 0;
	#exampleOf: ((itemPath: string) => Promise<LearnerExample | undefined>) | undefined;
	#updated = false;
	readonly #drained: Array<() => void> = [];
	/** Per example learned, before learning it: was the learner right, was the baseline right. */
	readonly #record: Array<{learner: boolean; baseline: boolean | undefined}> = [];
	#training: NodeJS.Immediate | undefined;
	#saveTimer: NodeJS.Timeout | undefined;
	#saving: Promise<void> = Promise.resolve();

	constructor(learner: Learner, file: TextAdapter) {
		this.#learner = learner;
		this.#file = file;
	}

	/** Loads the saved learner when it fits these classes, else starts an empty one. */
	static async open(labels: string, classes: readonly string[]): Promise<LearnerHost> {
		const file = learnerPath(labels);
		let learner = new Learner(classes, vectorLength, learnerOptions);
		try {
			const json = JSON.parse(await readFile(file, 'utf8')) as LearnerJson;
			const fits =
				json.version === 1 &&
				json.dimensions === vectorLength &&
				JSON.stringify(json.classes) === JSON.stringify(classes);
			if (fits) {
				learner = Learner.fromJson(json, learnerOptions);
			}
		} catch {
			// No saved learner, or an unreadable one: it is rebuilt from the journal.
		}

		return new LearnerHost(learner, atomicTextFile(file));
	}

	get size(): number {
		return this.#learner.size;
	}

	predict(vector: readonly number[]): Prediction | undefined {
		return this.#learner.predict(vector);
	}

	/**
	Whether the learner's guesses should replace the built-in ones: it has `minLabels` labels of at
	least two classes, and over the recent decisions it was right at least as often (each judged
	before it learned that decision: never tested on a trained image).
	*/
	outperformsBaseline(minLabels: number): boolean {
		if (this.#learner.size < minLabels || this.#learner.classesSeen < 2) {
			return false;
		}

		const judged = this.#record.filter((entry) => entry.baseline !== undefined);
		const learnerRight = judged.filter((entry) => entry.learner).length;
		const baselineRight = judged.filter((entry) => entry.baseline).length;
		return learnerRight >= baselineRight;
	}

	onChange(listener: () => void): () => void {
		return this.#listeners.add(listener);
	}

	/**
	Applies a change of the decisions to learn (path → label, or undefined to forget): forgets at
	once, learns when the features arrive (a stale arrival, decided otherwise since, is dropped).
	Features are fetched a few at a time, so they never crowd out the image on screen.
	*/
	update(
		change: ReadonlyMap<string, string | undefined>,
		exampleOf: (itemPath: string) => Promise<LearnerExample | undefined>,
	): void {
		this.#exampleOf = exampleOf;
		for (const [itemPath, label] of change) {
			this.#waiting.delete(itemPath);
			if (label === undefined) {
				this.#wanted.delete(itemPath);
				this.#learner.remove(itemPath);
			} else {
				this.#wanted.set(itemPath, label);
				if (this.#learner.labelOf(itemPath) !== label) {
					this.#waiting.set(itemPath, label);
				}
			}
		}

		if (!this.#updated) {
			// Examples saved by an older version that the journal no longer holds.
			this.#updated = true;
			for (const itemPath of [...this.#learner.paths()]) {
				if (!this.#wanted.has(itemPath)) {
					this.#learner.remove(itemPath);
				}
			}
		}

		this.#fetchMore();
		if (this.#learner.needsTraining) {
			this.#changed();
		}
	}

	/** Waits for the examples being fetched, then trains until the regression settles. */
	async settle(): Promise<void> {
		while (this.#fetching > 0 || this.#waiting.size > 0) {
			await new Promise<void>((resolve) => {
				this.#drained.push(resolve);
			});
		}

		while (this.#learner.train()) {
			// Bounded: train() reports done after a fixed number of steps.
		}

		this.#emit();
	}

	#fetchMore(): void {
		const exampleOf = this.#exampleOf;
		while (exampleOf && this.#fetching < fetchesAtOnce) {
			const next = this.#waiting.entries().next();
			if (next.done) {
				break;
			}

			const [itemPath, label] = next.value;
			this.#waiting.delete(itemPath);
			this.#fetching++;
			void exampleOf(itemPath)
				.catch(() => undefined)
				.then((example) => {
					this.#fetching--;
					if (example && this.#wanted.get(itemPath) === label) {
						this.#judge(example, label);
						this.#learner.set(itemPath, label, example.vector);
						this.#changed();
					}

					this.#fetchMore();
					if (this.#fetching === 0 && this.#waiting.size === 0) {
						for (const resolve of this.#drained.splice(0)) {
							resolve();
						}
					}
				});
		}
	}

	/** Saves now (and waits for any save running). */
	async flush(): Promise<void> {
		if (this.#training) {
			clearImmediate(this.#training);
			this.#training = undefined;
		}

		if (this.#saveTimer) {
			clearTimeout(this.#saveTimer);
			this.#saveTimer = undefined;
			this.#save();
		}

		await this.#saving;
	}

	#judge(example: LearnerExample, label: string): void {
		const learner = this.#learner.predict(example.vector)?.label === label;
		this.#record.push({
			learner,
			baseline: example.baseline === undefined ? undefined : example.baseline === label,
		});
		if (this.#record.length > comparisonWindow) {
			this.#record.shift();
		}
	}

	#changed(): void {
		this.#training ??= setImmediate(() => this.#trainSlice());
		this.#saveTimer ??= setTimeout(() => {
			this.#saveTimer = undefined;
			this.#save();
		}, saveDelayMs);
		this.#saveTimer.unref();
		this.#emit();
	}

	#trainSlice(): void {
		this.#training = undefined;
		const more = this.#learner.train();
		this.#emit();
		if (more || this.#learner.needsTraining) {
			this.#training = setImmediate(() => this.#trainSlice());
		}
	}

	#save(): void {
		// Weights only: the examples' features are in the feature cache, and `update` re-adds them, so
		// a save stays a few kilobytes however many images were labeled.
		const text = JSON.stringify(this.#learner.toJson(false));
		// The learner is a cache of the journal: a failed save only costs a rebuild next time.
		this.#saving = this.#saving.then(async () => this.#file.write(text)).catch(() => undefined);
	}

	#emit(): void {
		this.#listeners.emit();
	}
}
