/**
imgsift's own rich record, one JSON object per line: path, sha1, final label and how it was made,
every user's vote, and the history of standing decisions with their origin, guess and confidence.
*/
import type {FileWriter, FormatReader} from './format-types.js';
import {confidenceOf, humanLabel, refOf, textOf} from './format-types.js';
import type {LabeledItem} from './labeled-item.js';
import {jsonEntryOf, readLineBatches} from './line-input.js';

/**
The line's object, keys in the order the format has always had. Built by assignment: an export
makes one per item and one per history entry, and each conditional spread was another object.
*/
export function richRecord(item: LabeledItem): Record<string, unknown> {
	const record: Record<string, unknown> = {path: item.path};
	if (item.sha1) record['sha1'] = item.sha1;
	record['label'] = item.label;
	record['annotator'] = item.annotator;
	record['confidence'] = item.confidence;
	record['origin'] = item.origin;
	record['decided_at'] = item.decidedAt;
	record['votes'] = item.votes;
	record['history'] = item.history.map(historyRecord);
	if (item.guess) record['guess'] = item.guess;
	return record;
}

function historyRecord(entry: LabeledItem['history'][number]): Record<string, unknown> {
	const record: Record<string, unknown> = {
		label: entry.label,
		annotator: entry.annotator,
		origin: entry.origin,
		decided_at: entry.decidedAt,
	};
	if (entry.guess) record['guess'] = entry.guess;
	if (entry.confidence !== undefined) record['confidence'] = entry.confidence;
	if (entry.sourceOrigin) record['source_origin'] = entry.sourceOrigin;
	return record;
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
	for await (const lines of readLineBatches(file)) {
		for (const text of lines) {
			const entry = jsonEntryOf(file, text);
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
