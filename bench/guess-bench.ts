import path from 'node:path';
import {monitorEventLoopDelay} from 'node:perf_hooks';
import type {ImageFeatures} from '../source/image/features.js';
import {builtinGuess, builtinRoles} from '../source/model/builtin.js';
import {
	blockWeights,
	featureVector,
	vectorBlocks,
	vectorLength,
} from '../source/model/feature-vector.js';
import {Learner} from '../source/model/learner.js';
import {defaultWorkerCount, FeaturePool} from '../source/model/worker-pool.js';
import {disguisedSet, generatedSet, type LabeledSet, samplesSet, shuffled} from './guess-sets.js';

const classes = ['photo', 'screenshot'];
export const learnCheckpoints = [10, 25, 50] as const;

export type LearnedFigure = {
	readonly after: number;
	/** Accuracy on the images not yet decided; undefined when the set is too small. */
	readonly learned: number | undefined;
	/** The built-in guess on the same images, for comparison. */
	readonly builtin: number | undefined;
	/** What `--guess learn` shows: the learner once it beat the built-in guess on recent decisions. */
	readonly shown: number | undefined;
	/** Over several shuffles: the lowest learned accuracy. */
	readonly worst?: number | undefined;
	readonly tested: number;
};

export type SetFigures = {
	readonly name: string;
	readonly images: number;
	/** Built-in guess accuracy before any label. */
	readonly builtinAccuracy: number;
	/** Replaying the true labels in path order, then in ten seeded shuffles (mean; min learned). */
	readonly learnedInOrder: readonly LearnedFigure[];
	readonly learnedShuffled: readonly LearnedFigure[];
	/** Features computed per second by the worker pool, cold (no cache). */
	readonly guessesPerSecond: number;
	/** Event-loop delay on the UI thread while the loop's pool (cores - 1 workers) worked. */
	readonly uiDelayMaxMs: number;
	readonly uiDelayP99Ms: number;
	/** The longest single learner training slice (runs between keypresses). */
	readonly trainSliceMaxMs: number;
};

export type GuessBenchResult = {readonly workers: number; readonly sets: readonly SetFigures[]};

async function runPool(set: LabeledSet, workers: number) {
	const pool = new FeaturePool(workers);
	const delay = monitorEventLoopDelay({resolution: 1});
	delay.enable();
	const started = performance.now();
	const results = await Promise.all(
		set.items.map(async (item) => pool.run(path.join(set.dir, item.path))),
	);
	const seconds = (performance.now() - started) / 1000;
	delay.disable();
	await pool.close();
	return {results, seconds, delay};
}

async function computeFeatures(set: LabeledSet, workers: number) {
	const {results, seconds} = await runPool(set, workers);
	// The UI-thread figure uses the pool the labeling loop uses, leaving a core to the UI.
	const {delay} = await runPool(set, defaultWorkerCount());
	const features = new Map<string, ImageFeatures>();
	for (const [index, result] of results.entries()) {
		if (result.ok) {
			features.set(set.items[index]?.path ?? '', result.features);
		}
	}

	return {
		features,
		guessesPerSecond: set.items.length / seconds,
		uiDelayMaxMs: delay.max / 1e6,
		uiDelayP99Ms: delay.percentile(99) / 1e6,
	};
}

type Replay = {figures: LearnedFigure[]; trainSliceMaxMs: number};

const shuffleSeeds = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

const mean = (values: ReadonlyArray<number | undefined>) => {
	const known = values.filter((value) => value !== undefined);
	return known.length === 0
		? undefined
		: known.reduce((sum, value) => sum + value, 0) / known.length;
};

/** One replay per shuffle, averaged per checkpoint; `worst` keeps the lowest learned accuracy. */
function averageOf(replays: readonly Replay[]): Replay {
	const figures = learnCheckpoints.map((after, index) => {
		const at = replays.map((replayed) => replayed.figures[index]);
		const learned = at.map((figure) => figure?.learned).filter((value) => value !== undefined);
		return {
			after,
			learned: mean(learned),
			worst: learned.length === 0 ? undefined : Math.min(...learned),
			builtin: mean(at.map((figure) => figure?.builtin)),
			shown: mean(at.map((figure) => figure?.shown)),
			tested: at[0]?.tested ?? 0,
		};
	});
	return {
		figures,
		trainSliceMaxMs: Math.max(...replays.map((replayed) => replayed.trainSliceMaxMs)),
	};
}

/** Learns the first `after` labels in order, then guesses the rest: never tests a trained image. */
function replay(order: LabeledSet['items'], features: Map<string, ImageFeatures>): Replay {
	const roles = builtinRoles(classes);
	const figures: LearnedFigure[] = [];
	let trainSliceMaxMs = 0;
	for (const after of learnCheckpoints) {
		if (order.length <= after) {
			figures.push({after, learned: undefined, builtin: undefined, shown: undefined, tested: 0});
			continue;
		}

		const learner = new Learner(classes, vectorLength, {
			distanceWeights: blockWeights(vectorBlocks),
		});
		const recent: Array<{learner: boolean; builtin: boolean}> = [];
		for (const item of order.slice(0, after)) {
			const found = features.get(item.path);
			if (found && roles) {
				// Judged before learning it, as the loop does, over the last 20 decisions.
				recent.push({
					learner: learner.predict(featureVector(found))?.label === item.label,
					builtin: builtinGuess(found, roles).label === item.label,
				});
				recent.splice(0, Math.max(0, recent.length - 20));
				learner.set(item.path, item.label, featureVector(found));
				// As in the loop: one bounded slice after each decision.
				const started = performance.now();
				learner.train();
				trainSliceMaxMs = Math.max(trainSliceMaxMs, performance.now() - started);
			}
		}

		while (learner.train()) {
			// Settle, as the loop does between keypresses.
		}

		const learnerShown =
			learner.size >= 10 &&
			learner.classesSeen >= 2 &&
			recent.filter((entry) => entry.learner).length >=
				recent.filter((entry) => entry.builtin).length;
		let learnedRight = 0;
		let builtinRight = 0;
		const rest = order.slice(after).filter((item) => features.has(item.path));
		for (const item of rest) {
			const found = features.get(item.path);
			if (!found || !roles) {
				continue;
			}

			learnedRight += learner.predict(featureVector(found))?.label === item.label ? 1 : 0;
			builtinRight += builtinGuess(found, roles).label === item.label ? 1 : 0;
		}

		figures.push({
			after,
			learned: learnedRight / rest.length,
			builtin: builtinRight / rest.length,
			shown: (learnerShown ? learnedRight : builtinRight) / rest.length,
			tested: rest.length,
		});
	}

	return {figures, trainSliceMaxMs};
}

async function measureSet(set: LabeledSet, workers: number): Promise<SetFigures> {
	const roles = builtinRoles(classes);
	const computed = await computeFeatures(set, workers);
	let right = 0;
	for (const item of set.items) {
		const found = computed.features.get(item.path);
		right += found && roles && builtinGuess(found, roles).label === item.label ? 1 : 0;
	}

	const inOrder = replay(set.items, computed.features);
	const mixed = averageOf(
		shuffleSeeds.map((seed) => replay(shuffled(set.items, seed), computed.features)),
	);
	return {
		name: set.name,
		images: set.items.length,
		builtinAccuracy: right / set.items.length,
		learnedInOrder: inOrder.figures,
		learnedShuffled: mixed.figures,
		guessesPerSecond: computed.guessesPerSecond,
		uiDelayMaxMs: computed.uiDelayMaxMs,
		uiDelayP99Ms: computed.uiDelayP99Ms,
		trainSliceMaxMs: Math.max(inOrder.trainSliceMaxMs, mixed.trainSliceMaxMs),
	};
}

/** Accuracy, speed and UI-thread cost of guessing, on the samples and on generated sets. */
export async function runGuessBench(
	options: {quick?: boolean; workers?: number} = {},
): Promise<GuessBenchResult> {
	const workers = options.workers ?? 2;
	const sets = [
		await samplesSet(),
		await generatedSet(options.quick ? 60 : 200),
		await disguisedSet(options.quick ? 30 : 80),
	];
	const figures: SetFigures[] = [];
	for (const set of sets) {
		figures.push(await measureSet(set, workers));
	}

	return {workers, sets: figures};
}

const percent = (value: number | undefined) =>
	value === undefined ? 'n/a' : `${(value * 100).toFixed(1)}%`;

export function formatGuessBench(result: GuessBenchResult): string {
	const lines: string[] = [];
	for (const set of result.sets) {
		const learned = (figures: readonly LearnedFigure[]) =>
			figures
				.map(
					(figure) =>
						`${figure.after} → ${percent(figure.learned)}${figure.worst === undefined ? '' : ` (worst ${percent(figure.worst)})`} [built-in ${percent(figure.builtin)}, shown ${percent(figure.shown)}]`,
				)
				.join(' | ');
		lines.push(
			`  ${set.name}, ${set.images} images`,
			`    built-in accuracy before any label        ${percent(set.builtinAccuracy)}   target ≥ 90%`,
			`    learned after N, path order               ${learned(set.learnedInOrder)}   target ≥ 95% after 50`,
			`    learned after N, 10 shuffles (mean)       ${learned(set.learnedShuffled)}`,
			`    guesses per second, ${result.workers} workers, cold      ${set.guessesPerSecond.toFixed(1)}   target ≥ 30`,
			`    UI-thread delay while guessing (${defaultWorkerCount()} worker): p99, max  ${set.uiDelayP99Ms.toFixed(1)} ms, ${set.uiDelayMaxMs.toFixed(1)} ms   target max ≤ 25 ms`,
			`    longest learner training slice            ${set.trainSliceMaxMs.toFixed(1)} ms`,
		);
	}

	return lines.join('\n');
}
