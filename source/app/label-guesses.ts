import type {GuessMode} from '../model/open-guess-source.js';
import {openGuessSource} from '../model/open-guess-source.js';
import {GuessLink} from '../session/guess-link.js';
import {type GuessOrder, RankedFeed} from '../session/ranked-feed.js';
import {labelsDir} from '../store/paths.js';
import type {WritableDataset} from './dataset.js';

/** The label command's guess options (see label-options.ts). */
export type LabelGuessOptions = {
	readonly guess?: GuessMode | undefined;
	readonly predictions?: string | undefined;
	readonly model?: string | undefined;
	/** Set for --order uncertain|confident; path and shuffle stay with the project config. */
	readonly guessOrder?: GuessOrder | undefined;
};

export type LabelGuesses = {
	readonly link: GuessLink;
	/** Set when images are shown in guess order: the scan goes through it. */
	readonly feed: RankedFeed | undefined;
	readonly warnings: readonly string[];
	close(): Promise<void>;
};

/** Opens the guess source for a labeling session (user errors, e.g. a missing model, propagate). */
export async function openLabelGuesses(
	dataset: WritableDataset,
	options: LabelGuessOptions,
): Promise<LabelGuesses> {
	const opened = await openGuessSource({
		dir: dataset.dir,
		labels: labelsDir(dataset.dir),
		classes: dataset.config.classes,
		mode: options.guess,
		predictions: options.predictions,
		model: options.model,
	});
	const warnings = [...opened.warnings];
	let feed: RankedFeed | undefined;
	if (options.guessOrder !== undefined) {
		if (opened.source) {
			feed = new RankedFeed(dataset.store, opened.source, options.guessOrder);
		} else {
			warnings.push(`--order ${options.guessOrder} needs guesses; showing images in path order`);
		}
	}

	const link = new GuessLink(opened.source, opened.hint || 'decide with the class keys');
	return {
		link,
		feed,
		warnings,
		async close() {
			feed?.stop();
			await link.close();
		},
	};
}
