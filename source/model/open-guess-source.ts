import path from 'node:path';
import {builtinRoles} from './builtin.js';
import {FeatureCache} from './feature-cache.js';
import {FeatureGuessSource} from './feature-source.js';
// In their own module, so the label command's options load without the model (and sharp).
import type {GuessMode} from './guess-modes.js';
import type {GuessSource} from './guess-source.js';
import {LearnerHost} from './learner-host.js';
import {OnnxGuessSource} from './onnx.js';
import {PredictionIndex} from './prediction-index.js';
import {
	describePredictionProblems,
	PredictionsGuessSource,
	readPredictionsFile,
} from './predictions-source.js';
import {FeaturePool} from './worker-pool.js';

export {type GuessMode, guessModes} from './guess-modes.js';

export type GuessSetup = {
	readonly dir: string;
	/** The dataset's `.labels` folder: caches and the learner live there. */
	readonly labels: string;
	readonly classes: readonly string[];
	/** Default `learn`: the built-in score until enough labels, for photo/screenshot classes. */
	readonly mode?: GuessMode | undefined;
	readonly predictions?: string | undefined;
	readonly model?: string | undefined;
	readonly workers?: number | undefined;
};

export type OpenedGuessSource = {
	readonly source: GuessSource | undefined;
	/** Shown in the guess slot when there is no source. */
	readonly hint: string;
	/** Lines worth telling the user (bad prediction lines, unknown labels, model label mismatch). */
	readonly warnings: readonly string[];
};

/** Opens the guess source the options ask for: --model, else --predictions, else --guess. */
export async function openGuessSource(setup: GuessSetup): Promise<OpenedGuessSource> {
	const {dir, labels, classes} = setup;
	if (setup.model !== undefined) {
		const source = await OnnxGuessSource.open(dir, path.resolve(setup.model));
		const unknown = source.labels.filter((label) => !classes.includes(label));
		const warnings =
			unknown.length > 0
				? [
						`the model's labels ${unknown.join(', ')} are not classes here: accepting such a guess does nothing`,
					]
				: [];
		return {source, hint: '', warnings};
	}

	if (setup.predictions !== undefined) {
		const file = path.resolve(setup.predictions);
		const parsed = await readPredictionsFile(file);
		const index = new PredictionIndex(parsed.rows, dir, classes);
		return {
			source: new PredictionsGuessSource(index, file),
			hint: '',
			warnings: describePredictionProblems(parsed, index, path.basename(file)),
		};
	}

	const mode = setup.mode ?? 'learn';
	if (mode === 'off') {
		return {source: undefined, hint: 'guesses are off (--guess off)', warnings: []};
	}

	const roles = builtinRoles(classes);
	if (mode === 'builtin' && !roles) {
		return {
			source: undefined,
			hint: 'the built-in guess is for photo vs screenshot; use --guess learn',
			warnings: [
				`--guess builtin works for two classes named like photo and screenshot, not ${classes.join(', ')}; use --guess learn to learn from your decisions`,
			],
		};
	}

	const pool = new FeaturePool(setup.workers);
	const cache = await FeatureCache.open(dir, labels, pool);
	const learner = mode === 'learn' ? await LearnerHost.open(labels, classes) : undefined;
	const cacheWrites = {close: async () => cache.flush()};
	const source = new FeatureGuessSource({cache, roles, learner, owned: [cacheWrites, pool]});
	return {source, hint: '', warnings: []};
}
