import {readFile} from 'node:fs/promises';
import path from 'node:path';
import type {SessionState} from '../core/session-state.js';
import {type ParsedPredictions, parsePredictions} from '../formats/predictions.js';
import {UserError} from '../shared/user-error.js';
import type {GuessSource, GuessView} from './guess-source.js';
import type {PredictionIndex} from './prediction-index.js';

export const predictionsSource = 'predictions';

/** Reads a predictions file; a missing or unreadable file is a user error, bad lines are not. */
export async function readPredictionsFile(file: string): Promise<ParsedPredictions> {
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch (error) {
		throw new UserError(
			`could not read the predictions file ${file}: ${error instanceof Error ? error.message : String(error)}. Check the path given to --predictions.`,
			{cause: error},
		);
	}

	return parsePredictions(text, path.basename(file));
}

/** What was wrong with a predictions file, as lines to show: reported, never fatal. */
export function describePredictionProblems(
	parsed: ParsedPredictions,
	index: PredictionIndex,
	file: string,
): string[] {
	const lines = parsed.problems
		.slice(0, 5)
		.map((problem) => `${file}:${problem.line}: skipped, ${problem.reason}`);
	if (parsed.problems.length > 5) {
		lines.push(`${file}: ${parsed.problems.length - 5} more lines skipped`);
	}

	for (const row of index.outside.slice(0, 5)) {
		lines.push(
			`${file}:${row.line}: skipped, ${row.path} is outside the folder (paths are relative to it)`,
		);
	}

	if (index.outside.length > 5) {
		lines.push(`${file}: ${index.outside.length - 5} more lines outside the folder skipped`);
	}

	for (const [label, count] of index.unknownLabels) {
		lines.push(`${file}: ${count} prediction(s) of "${label}", which is not a class, ignored`);
	}

	return lines;
}

/** Guesses read from the user's own predictions file: ready at once, no computing. */
export class PredictionsGuessSource implements GuessSource {
	readonly description: string;
	readonly index: PredictionIndex;

	constructor(index: PredictionIndex, file: string) {
		this.index = index;
		this.description = `predictions from ${path.basename(file)}`;
	}

	view(itemPath: string): GuessView {
		const row = this.index.lookup(itemPath);
		if (!row) {
			return {status: 'none', reason: 'not in the predictions file'};
		}

		return {
			status: 'ready',
			guess: {label: row.label, confidence: row.confidence ?? 1, source: predictionsSource},
		};
	}

	async guess(itemPath: string): Promise<GuessView> {
		return this.view(itemPath);
	}

	request(): void {
		// Everything is known up front.
	}

	forget(): void {
		// Rows are by path, from a file made elsewhere: a changed image keeps its row.
	}

	onChange(): () => void {
		return () => undefined;
	}

	observe(_state: SessionState): void {
		// Predictions do not learn.
	}

	async settle(): Promise<void> {
		// Nothing to learn.
	}

	summary(): string {
		return `${this.index.size} predictions`;
	}

	async close(): Promise<void> {
		// Nothing open.
	}
}
