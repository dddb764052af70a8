import {initialState, type SessionState} from '../core/session-state.js';
import type {GuessView} from '../model/guess-source.js';
import {type GuessMode, openGuessSource} from '../model/open-guess-source.js';
import {PredictionsGuessSource} from '../model/predictions-source.js';
import {walkImages} from '../scan/walk.js';
import {escapeControl, jsonForTerminal} from '../shared/escape.js';
import {UserError} from '../shared/user-error.js';
import {labelsDir} from '../store/paths.js';
import {loadProject, resolveOut} from '../store/project-config.js';
import {datasetFolder, readDataset} from './dataset.js';

export type GuessOptions = {
	readonly dir: string;
	readonly json: boolean;
	readonly classes?: string | undefined;
	readonly guess?: GuessMode | undefined;
	readonly predictions?: string | undefined;
	readonly model?: string | undefined;
	readonly user?: string | undefined;
};

/** The project's classes and decisions when there is a project; else the classes given. */
async function datasetOf(
	options: GuessOptions,
): Promise<{dir: string; out: string | undefined; state: SessionState}> {
	const dir = await datasetFolder(options.dir);
	const project = await loadProject(dir);
	if (project) {
		const dataset = await readDataset(dir, options.user);
		return {dir, out: resolveOut(dir, project), state: dataset.state};
	}

	const classes = (options.classes ?? 'photo,screenshot').split(',').map((name) => name.trim());
	if (classes.length < 2 || classes.some((name) => name === '')) {
		throw new UserError(
			`--classes needs at least two names, got "${options.classes}". Example: --classes photo,screenshot`,
		);
	}

	return {dir, out: undefined, state: initialState(classes)};
}

export function formatGuessLine(itemPath: string, view: GuessView, json: boolean): string {
	if (json) {
		return jsonForTerminal(
			view.status === 'ready'
				? {
						path: itemPath,
						guess: view.guess.label,
						confidence: round(view.guess.confidence),
						source: view.guess.source,
					}
				: {
						path: itemPath,
						guess: null,
						confidence: null,
						source: null,
						reason: view.status === 'none' ? view.reason : 'pending',
					},
		);
	}

	const shown = escapeControl(itemPath);
	if (view.status !== 'ready') {
		return `${'-'.padEnd(12)} ${'-'.padStart(5)}  ${'-'.padEnd(12)} ${shown}  (${escapeControl(view.status === 'none' ? view.reason : 'pending')})`;
	}

	const {label, confidence, source} = view.guess;
	return `${escapeControl(label).padEnd(12)} ${confidence.toFixed(2).padStart(5)}  ${escapeControl(source).padEnd(12)} ${shown}`;
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;

/** `imgsift guess <dir>`: every image's guess, in walk order, streamed as they are ready. */
export async function runGuess(
	options: GuessOptions,
	output: NodeJS.WritableStream = process.stdout,
	errors: NodeJS.WritableStream = process.stderr,
): Promise<void> {
	const {dir, out, state} = await datasetOf(options);
	const opened = await openGuessSource({
		dir,
		labels: labelsDir(dir),
		classes: state.classes,
		mode: options.guess,
		predictions: options.predictions,
		model: options.model,
	});
	for (const warning of opened.warnings) {
		errors.write(`imgsift: ${escapeControl(warning)}\n`);
	}

	const {source} = opened;
	if (!source) {
		throw new UserError(`no guess source: ${opened.hint}`);
	}

	const started = performance.now();
	const counts = new Map<string, number>();
	let guessed = 0;
	let total = 0;
	const seen: string[] = [];
	try {
		source.observe(state);
		await source.settle();
		const ignore = [labelsDir(dir), ...(out === undefined ? [] : [out])];
		for await (const batch of walkImages(dir, {ignore})) {
			const views = batch.map(async (itemPath) => source.guess(itemPath));
			for (const [index, itemPath] of batch.entries()) {
				const view = await views[index];
				if (!view) {
					continue;
				}

				total++;
				seen.push(itemPath);
				if (view.status === 'ready') {
					guessed++;
					counts.set(view.guess.label, (counts.get(view.guess.label) ?? 0) + 1);
				}

				output.write(`${formatGuessLine(itemPath, view, options.json)}\n`);
			}
		}
	} finally {
		await source.close();
	}

	if (source instanceof PredictionsGuessSource) {
		const unmatched = source.index.unmatched(seen);
		if (unmatched.length > 0) {
			const first = unmatched[0]?.path ?? '';
			errors.write(
				`imgsift: ${unmatched.length} prediction(s) match no image in ${escapeControl(dir)} (first: ${escapeControl(first)}); paths are matched relative to the folder\n`,
			);
		}
	}

	const seconds = (performance.now() - started) / 1000;
	const perClass = [...counts].map(([label, count]) => `${count} ${label}`).join(', ');
	errors.write(
		`${total} images: ${guessed} guessed${perClass ? ` (${perClass})` : ''}, ${total - guessed} without a guess; ${source.summary()}; ${(total / Math.max(seconds, 1e-3)).toFixed(0)} images/s\n`,
	);
}
