/**
SageMaker Ground Truth image classification output manifest, as on the "Output data" page of the
Ground Truth developer guide: one JSON object per line with `source-ref`, the label attribute
holding the class index, and `<attribute>-metadata` (class-name, confidence, type, job-name,
human-annotated, creation-date). A chained job keeps every key of its input line.
*/

import {UserError} from '../shared/user-error.js';
import type {FileWriter, FormatReader} from './format-types.js';
import {confidenceOf, refOf, textOf} from './format-types.js';
import type {LabeledItem} from './labeled-item.js';
import {jsonEntryOf, readJsonLines, readLineBatches} from './line-input.js';
import {createPathIndex} from './path-index.js';

export const gtType = 'groundtruth/image-classification';

/** Why an attribute name cannot be used, as Ground Truth's LabelAttributeName rules say. */
export function attributeProblem(attribute: string): string | undefined {
	if (!/^[a-zA-Z0-9](-*[a-zA-Z0-9])*$/.test(attribute) || attribute.length > 127) {
		return 'use letters, digits and single hyphens, at most 127 characters';
	}

	if (attribute.includes('-metadata')) {
		return 'it must not contain "-metadata"';
	}

	if (attribute.endsWith('-ref') || attribute === 'source') {
		return 'it must not end in "-ref" nor be "source"';
	}

	return undefined;
}

/** `2026-11-25T10:00:00.000000`: Ground Truth's creation-date (UTC, microseconds, no zone). */
export function gtDate(iso: string): string {
	const date = new Date(iso);
	const text = Number.isNaN(date.getTime()) ? new Date(0).toISOString() : date.toISOString();
	return `${text.slice(0, -1)}000`;
}

function labelKeys(item: LabeledItem, classes: readonly string[], attribute: string, job: string) {
	return {
		[attribute]: Math.max(0, classes.indexOf(item.label)),
		[`${attribute}-metadata`]: {
			'class-name': item.label,
			confidence: item.confidence,
			type: gtType,
			'job-name': `labeling-job/${job}`,
			'human-annotated': item.origin === 'auto' ? 'no' : 'yes',
			'creation-date': gtDate(item.decidedAt),
		},
	};
}

export const gtWriter: FileWriter = {
	kind: 'file',
	extension: 'manifest',
	async write(items, sink, options) {
		const {classes, attribute, jobName, inputManifest} = options;
		let written = 0;
		if (inputManifest === undefined) {
			for await (const item of items) {
				const line = {'source-ref': item.path, ...labelKeys(item, classes, attribute, jobName)};
				await sink.write(`${JSON.stringify(line)}\n`);
				written++;
			}

			return {written};
		}

		const byPath = new Map<string, LabeledItem>();
		const index = createPathIndex(options.dir);
		for await (const item of items) {
			byPath.set(item.path, item);
			index.add(item.path);
		}

		let unlabeled = 0;
		const problems: string[] = [];
		for await (const {line, value} of readJsonLines(inputManifest, (problem) =>
			problems.push(
				`${problem.file}:${problem.line}${problem.column ? `:${problem.column}` : ''}: ${problem.reason}`,
			),
		)) {
			if (attribute in value || `${attribute}-metadata` in value) {
				throw new UserError(
					`${inputManifest}:${line}: an earlier job already wrote the attribute "${attribute}". Give a new one with --attribute.`,
				);
			}

			const ref = textOf(value['source-ref']) ?? textOf(value['source']);
			const match = ref === undefined ? undefined : index.match(refOf(ref));
			const item = match && 'path' in match ? byPath.get(match.path) : undefined;
			const out = item ? {...value, ...labelKeys(item, classes, attribute, jobName)} : value;
			unlabeled += item ? 0 : 1;
			await sink.write(`${JSON.stringify(out)}\n`);
			written++;
		}

		for (const problem of problems) {
			options.warn(`${problem} (line left out of the output manifest)`);
		}

		if (unlabeled > 0) {
			options.warn(
				`${unlabeled} line(s) of ${inputManifest} have no decision yet; kept without "${attribute}"`,
			);
		}

		return {written};
	},
};

/** The classification attributes of a line, in key order: `<attr>` with a `<attr>-metadata`. */
function classificationAttributes(value: Record<string, unknown>): string[] {
	return Object.keys(value).filter((key) => {
		const metadata = value[`${key}-metadata`];
		return (
			typeof metadata === 'object' &&
			metadata !== null &&
			('class-name' in metadata || (metadata as {type?: unknown}).type === gtType)
		);
	});
}

function classNameOf(value: unknown, metadata: Record<string, unknown>): string | undefined {
	const named = textOf(metadata['class-name']);
	if (named !== undefined) {
		return named;
	}

	const map = metadata['class-map'];
	return typeof map === 'object' && map !== null
		? textOf((map as Record<string, unknown>)[String(value)])
		: undefined;
}

export const readGt: FormatReader = async function* (file, report, options) {
	// A read's lines at a time, with no await per line.
	for await (const lines of readLineBatches(file)) {
		for (const text of lines) {
			const entry = jsonEntryOf(file, text);
			if (entry.problem) {
				report(entry.problem);
				continue;
			}

			const {line, value} = entry;
			const source = textOf(value['source-ref']) ?? textOf(value['source']);
			const attribute = options.attribute ?? classificationAttributes(value).at(-1);
			const metadata = attribute === undefined ? undefined : value[`${attribute}-metadata`];
			if (
				source === undefined ||
				attribute === undefined ||
				typeof metadata !== 'object' ||
				metadata === null
			) {
				report({
					file,
					line,
					column: 1,
					reason: `needs "source-ref" and a classification attribute${options.attribute ? ` "${options.attribute}"` : ''} with its -metadata`,
				});
				continue;
			}

			const meta = metadata as Record<string, unknown>;
			const label = classNameOf(value[attribute], meta);
			if (label === undefined) {
				report({file, line, column: 1, reason: `"${attribute}-metadata" has no "class-name"`});
				continue;
			}

			const confidence = confidenceOf(meta['confidence']);
			const job = textOf(meta['job-name']);
			const ref = refOf(source);
			if (meta['human-annotated'] === 'no') {
				yield {
					line,
					ref,
					prediction: {label, confidence: confidence ?? 1, ...(job ? {model: job} : {})},
				};
			} else {
				yield {line, ref, human: {label, ...(confidence === undefined ? {} : {confidence})}};
			}
		}
	}
};
