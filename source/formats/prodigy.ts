/**
Prodigy answers for image classification, as in Prodigy's docs "Annotation interfaces" (image and
classification) and "Annotation task format": one JSON object per line with `image`, `label`,
`answer` (accept, reject, ignore), `_input_hash`, `_task_hash`, `_session_id`, `_annotator_id`
and `_timestamp` (Unix seconds). Sessions are named `<dataset>-<annotator>` as Prodigy does.
*/
import {createHash} from 'node:crypto';
import type {FileWriter, FormatReader} from './format-types.js';
import {confidenceOf, humanLabel, refOf, textOf} from './format-types.js';
import {jsonEntryOf, readLineBatches} from './line-input.js';

/** A signed 32-bit hash, the shape of Prodigy's hashes (it uses murmurhash; any stable one works). */
export function prodigyHash(...parts: readonly string[]): number {
	return createHash('sha1').update(parts.join('\u0000')).digest().readInt32LE(0);
}

export const prodigyWriter: FileWriter = {
	kind: 'file',
	extension: 'jsonl',
	async write(items, sink, options) {
		let written = 0;
		for await (const item of items) {
			const inputHash = prodigyHash(item.path);
			const session = `${options.jobName}-${item.annotator}`;
			const time = Date.parse(item.decidedAt);
			const task = {
				image: item.path,
				label: item.label,
				answer: 'accept',
				meta: {score: item.confidence, origin: item.origin},
				_input_hash: inputHash,
				_task_hash: prodigyHash(String(inputHash), item.label),
				_view_id: 'classification',
				_session_id: session,
				_annotator_id: session,
				_timestamp: Math.floor((Number.isNaN(time) ? 0 : time) / 1000),
			};
			await sink.write(`${JSON.stringify(task)}\n`);
			written++;
		}

		return {written};
	},
};

export const readProdigy: FormatReader = async function* (file, report, options) {
	// A read's lines at a time, with no await per line.
	for await (const lines of readLineBatches(file)) {
		for (const text of lines) {
			const entry = jsonEntryOf(file, text);
			if (entry.problem) {
				report(entry.problem);
				continue;
			}

			const {line, value} = entry;
			const image = textOf(value['image']) ?? textOf(value['path']);
			const label =
				textOf(value['label']) ??
				(Array.isArray(value['accept']) ? textOf(value['accept'][0]) : undefined);
			const answer = value['answer'];
			if (image === undefined || label === undefined) {
				report({file, line, column: 1, reason: 'needs "image" and "label" (or "accept")'});
				continue;
			}

			if (answer !== 'accept') {
				// A reject says what the image is not, an ignore says nothing: neither is a label.
				options.onPassedOver?.(`Prodigy answers "${String(answer)}"`);
				continue;
			}

			const annotator = textOf(value['_annotator_id']) ?? textOf(value['_session_id']);
			const meta = (value['meta'] ?? {}) as Record<string, unknown>;
			const confidence = confidenceOf(meta['score']);
			const origin = textOf(meta['origin']);
			yield {
				line,
				ref: refOf(image),
				human: humanLabel(label, annotator, origin, confidence),
			};
		}
	}
};
