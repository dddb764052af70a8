/**
imgsift's own rich record, one JSON object per line: path, sha1, final label and how it was made,
every user's vote, and the history of standing decisions with their origin, guess and confidence.
*/
import type {FileWriter, FormatReader} from './format-types.js';
import {confidenceOf, humanLabel, refOf, textOf} from './format-types.js';
import type {LabeledItem} from './labeled-item.js';
import {readJsonLineBatches} from './line-input.js';

export function richRecord(item: LabeledItem): Record<string, unknown> {
	return {
		path: item.path,
		...(item.sha1 ? {sha1: item.sha1} : {}),
		label: item.label,
		annotator: item.annotator,
		confidence: item.confidence,
		origin: item.origin,
		decided_at: item.decidedAt,
		votes: item.votes,
		history: item.history.map((entry) => ({
			label: entry.label,
			annotator: entry.annotator,
			origin: entry.origin,
			decided_at: entry.decidedAt,
			...(entry.guess ? {guess: entry.guess} : {}),
			...(entry.confidence === undefined ? {} : {confidence: entry.confidence}),
			...(entry.sourceOrigin ? {source_origin: entry.sourceOrigin} : {}),
		})),
		...(item.guess ? {guess: item.guess} : {}),
	};
}

export const jsonlWriter: FileWriter = {
	kind: 'file',
	extension: 'jsonl',
	async write(items, sink) {
		let written = 0;
		for await (const item of items) {
			await sink.write(`${JSON.stringify(richRecord(item))}\n`);
			written++;
		}

		return {written};
	},
};

function guessOf(value: unknown) {
	if (typeof value !== 'object' || value === null) {
		return undefined;
	}

	const guess = value as Record<string, unknown>;
	const label = textOf(guess['label']);
	const confidence = confidenceOf(guess['confidence']);
	const model = textOf(guess['source']);
	return label === undefined || confidence === undefined
		? undefined
		: {label, confidence, ...(model ? {model} : {})};
}

export const readJsonl: FormatReader = async function* (file, report) {
	// A read's lines at a time, with no await per line.
	for await (const entries of readJsonLineBatches(file)) {
		for (const entry of entries) {
			if (entry.problem) {
				report(entry.problem);
				continue;
			}

			const {line, value} = entry;
			const path = textOf(value['path']);
			const label = textOf(value['label']);
			if (path === undefined || label === undefined) {
				report({file, line, column: 1, reason: 'needs "path" and "label"'});
				continue;
			}

			const annotator = textOf(value['annotator']);
			const origin = textOf(value['origin']);
			const confidence = confidenceOf(value['confidence']);
			const sha1 = textOf(value['sha1']);
			const prediction = guessOf(value['guess']);
			yield {
				line,
				ref: refOf(path, undefined, sha1),
				human: humanLabel(label, annotator, origin, confidence),
				...(prediction ? {prediction} : {}),
			};
		}
	}
};
