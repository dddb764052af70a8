import type {SessionState} from '../core/session-state.js';
import {type BuiltinRoles, builtinGuess} from './builtin.js';
import {DecisionWindow} from './decision-window.js';
import type {FeatureCache} from './feature-cache.js';
import type {FeatureResult} from './feature-messages.js';
import {featureVector} from './feature-vector.js';
import type {GuessSource, GuessView} from './guess-source.js';
import {Listeners} from './guess-source.js';
import type {LearnerHost} from './learner-host.js';

export type FeatureSourceOptions = {
	readonly cache: FeatureCache;
	/** Set when the classes are photo and screenshot: the zero-setup guess. */
	readonly roles: BuiltinRoles | undefined;
	/** Set for `--guess learn`. */
	readonly learner: LearnerHost | undefined;
	/** With a learner: labels it needs before its guesses replace the built-in ones. */
	readonly minLabels?: number;
	/** How many of the most recent decisions the learner learns from (default 1000). */
	readonly learnWindow?: number;
	/** Closed after the source, in order (the cache's writes, then the worker pool). */
	readonly owned?: ReadonlyArray<{close(): Promise<unknown>}>;
};

/** Guesses from image features: the built-in score, the learner, or the learner after the score. */
export class FeatureGuessSource implements GuessSource {
	readonly description: string;
	readonly #options: FeatureSourceOptions;
	readonly #listeners = new Listeners();
	readonly #stopCache: () => void;
	#decisions: SessionState['decisions'] | undefined;
	readonly #window: DecisionWindow;

	constructor(options: FeatureSourceOptions) {
		this.#options = options;
		this.#window = new DecisionWindow(options.learnWindow);
		this.description = options.learner
			? 'learns from your decisions'
			: 'built-in photo/screenshot score';
		this.#stopCache = options.cache.onReady(() => this.#listeners.emit());
		options.learner?.onChange(() => this.#listeners.emit());
	}

	view(itemPath: string): GuessView {
		const result = this.#options.cache.peek(itemPath);
		return result ? this.#fromFeatures(result) : {status: 'pending'};
	}

	async guess(itemPath: string, urgent = false): Promise<GuessView> {
		return this.#fromFeatures(await this.#options.cache.get(itemPath, urgent));
	}

	request(itemPaths: readonly string[]): void {
		for (const itemPath of itemPaths) {
			void this.#options.cache.get(itemPath);
		}
	}

	widen(workers: number | undefined): void {
		this.#options.cache.widen(workers);
	}

	prioritize(itemPaths: readonly string[]): void {
		this.#options.cache.prioritize(itemPaths);
	}

	thumbnail(itemPath: string): ReturnType<FeatureCache['thumbnail']> {
		return this.#options.cache.thumbnail(itemPath);
	}

	forget(itemPath: string): void {
		this.#options.cache.forget(itemPath);
		this.#listeners.emit();
	}

	onChange(listener: () => void): () => void {
		return this.#listeners.add(listener);
	}

	observe(state: SessionState): void {
		const {learner, cache} = this.#options;
		if (!learner || state.decisions === this.#decisions) {
			return;
		}

		this.#decisions = state.decisions;
		// The recent decisions only: read from the map's changed buckets, not all of it.
		const change = this.#window.update(state.decisions);
		const {roles} = this.#options;
		learner.update(change, async (itemPath) => {
			const result = await cache.get(itemPath);
			if (!result.ok) {
				return undefined;
			}

			const baseline = roles ? builtinGuess(result.features, roles).label : undefined;
			return {vector: featureVector(result.features), baseline};
		});
	}

	async settle(): Promise<void> {
		await this.#options.learner?.settle();
	}

	summary(): string {
		const {learner, roles} = this.#options;
		if (!learner) {
			return roles ? 'built-in photo/screenshot score' : 'no guess';
		}

		return `learned from ${learner.size} label${learner.size === 1 ? '' : 's'}`;
	}

	async close(): Promise<void> {
		this.#stopCache();
		await this.#options.learner?.flush();
		for (const resource of this.#options.owned ?? []) {
			await resource.close();
		}
	}

	#fromFeatures(result: FeatureResult): GuessView {
		if (!result.ok) {
			return {status: 'none', reason: `no features: ${result.message}`};
		}

		const {learner, roles, minLabels = 10} = this.#options;
		if (learner && (!roles || learner.outperformsBaseline(minLabels))) {
			const prediction = learner.predict(featureVector(result.features));
			if (prediction) {
				return {status: 'ready', guess: {...prediction, source: `learned (${learner.size})`}};
			}

			return roles
				? {status: 'ready', guess: builtinGuess(result.features, roles)}
				: {status: 'none', reason: 'learning: label a few images first'};
		}

		return roles
			? {status: 'ready', guess: builtinGuess(result.features, roles)}
			: {status: 'none', reason: 'no built-in guess for these classes'};
	}
}
