/**
Label Studio JSON tasks, as in its docs "Import pre-annotated data" and "Label Studio JSON
format": a JSON array, one task per line here, each with `data.image`, `annotations` holding a
`choices` result, and the model's guess as `predictions` with `model_version` and `score`.
Images are referenced the way Label Studio serves local files: `/data/local-files/?d=<path>`.
*/
import type {FileWriter, FormatReader, ImportedRow} from './format-types.js';
import {confidenceOf, decodeURIComponentSafe, refOf, textOf} from './format-types.js';
import type {LabeledItem} from './labeled-item.js';
import {taskBatches, taskOfEntry} from './labelstudio-tasks.js';

const localFiles = '/data/local-files/?d=';

const choices = (label: string) => [
	{from_name: 'choice', to_name: 'image', type: 'choices', value: {choices: [label]}},
];

export function taskOf(item: LabeledItem, id: number): Record<string, unknown> {
	return {
		id,
		data: {image: `${localFiles}${encodeURIComponent(item.path).replaceAll('%2F', '/')}`},
		annotations: [
			{
				result: choices(item.label),
				completed_by: {email: item.annotator},
				created_at: item.decidedAt,
				was_cancelled: false,
				meta: {origin: item.origin, confidence: item.confidence},
			},
		],
		predictions: item.guess
			? [
					{
						model_version: item.guess.source,
						score: item.guess.confidence,
						result: choices(item.guess.label),
					},
				]
			: [],
	};
}

export const labelStudioWriter: FileWriter = {
	kind: 'file',
	extension: 'json',
	async write(items, sink) {
		await sink.write('[\n');
		let written = 0;
		for await (const item of items) {
			await sink.write(`${written === 0 ? '' : ',\n'}${JSON.stringify(taskOf(item, written + 1))}`);
			written++;
		}

		await sink.write(written === 0 ? ']\n' : '\n]\n');
		return {written};
	},
};

function choiceOf(result: unknown): string | undefined {
	if (!Array.isArray(result)) {
		return undefined;
	}

	for (const part of result) {
		const value = (part as {value?: {choices?: unknown}} | null)?.value?.choices;
		if (Array.isArray(value) && typeof value[0] === 'string') {
			return value[0];
		}
	}

	return undefined;
}

function annotatorOf(value: unknown): string | undefined {
	if (typeof value === 'number') {
		return String(value);
	}

	return typeof value === 'object' && value !== null
		? textOf((value as Record<string, unknown>)['email'])
		: textOf(value);
}

function imageOf(data: unknown): string | undefined {
	if (typeof data !== 'object' || data === null) {
		return undefined;
	}

	const record = data as Record<string, unknown>;
	const image = textOf(record['image']) ?? Object.values(record).map(textOf).find(Boolean);
	if (image?.startsWith(localFiles)) {
		return decodeURIComponentSafe(image.slice(localFiles.length));
	}

	return image;
}

function rowOf(task: Record<string, unknown>, line: number): ImportedRow | string {
	const image = imageOf(task['data']);
	if (image === undefined) {
		return 'has no "data.image"';
	}

	const done = (Array.isArray(task['annotations']) ? task['annotations'] : []).filter(
		(annotation: {was_cancelled?: unknown} | null) =>
			annotation && annotation.was_cancelled !== true,
	) as Array<Record<string, unknown>>;
	const annotation = done.at(-1);
	const label = annotation ? choiceOf(annotation['result']) : undefined;
	const predictions = (Array.isArray(task['predictions']) ? task['predictions'] : []) as Array<
		Record<string, unknown>
	>;
	const best = predictions
		.map((prediction) => ({prediction, label: choiceOf(prediction['result'])}))
		.filter((entry) => entry.label !== undefined)
		.sort(
			(left, right) =>
				(confidenceOf(right.prediction['score']) ?? 0) -
				(confidenceOf(left.prediction['score']) ?? 0),
		)[0];
	if (label === undefined && best === undefined) {
		return 'has no choices annotation nor prediction';
	}

	const annotator = annotation ? annotatorOf(annotation['completed_by']) : undefined;
	const meta = annotation?.['meta'] as Record<string, unknown> | undefined;
	const confidence = confidenceOf(meta?.['confidence']);
	const origin = textOf(meta?.['origin']);
	const model = textOf(best?.prediction['model_version']);
	return {
		line,
		ref: refOf(image),
		...(label === undefined
			? {}
			: {
					human: {
						label,
						...(annotator ? {annotator} : {}),
						...(confidence === undefined ? {} : {confidence}),
						...(origin ? {origin} : {}),
					},
				}),
		...(best?.label === undefined
			? {}
			: {
					prediction: {
						label: best.label,
						confidence: confidenceOf(best.prediction['score']) ?? 1,
						...(model ? {model} : {}),
					},
				}),
	};
}

export const readLabelStudio: FormatReader = async function* (file, report, options) {
	// A read's lines at a time, with no await per line.
	for await (const batch of taskBatches(file, report)) {
		for (const entry of batch) {
			const task = taskOfEntry(file, entry, report);
			if (task === undefined) {
				continue;
			}

			const row =
				typeof task === 'object' && task !== null && !Array.isArray(task)
					? rowOf(task as Record<string, unknown>, entry.line)
					: 'is not a task object';
			if (typeof row === 'string') {
				if (row.startsWith('has no choices')) {
					options.onPassedOver?.('Label Studio tasks with no annotation');
				} else {
					report({file, line: entry.line, column: 1, reason: row});
				}
			} else {
				yield row;
			}
		}
	}
};
