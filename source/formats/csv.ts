/**
CSV: `path,label,annotator,confidence,decided_at`, one decided item per record, RFC 4180 quoting
(a field with a comma, quote, CR or LF is quoted; quotes doubled), LF lines. Reading splits with
csv-split.ts: CRLF files, and quoted fields holding commas, quotes and line breaks.
*/
import {createCsvSplitter, isCsvProblem} from './csv-split.js';
import type {FileWriter, FormatReader} from './format-types.js';
import {confidenceOf, refOf, textOf} from './format-types.js';
import {readLines} from './line-input.js';

export const csvColumns = ['path', 'label', 'annotator', 'confidence', 'decided_at'] as const;

export function csvField(value: string): string {
	return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export const csvRecord = (fields: readonly string[]): string =>
	`${fields.map(csvField).join(',')}\n`;

export const csvWriter: FileWriter = {
	kind: 'file',
	extension: 'csv',
	async write(items, sink) {
		await sink.write(csvRecord(csvColumns));
		let written = 0;
		for await (const item of items) {
			await sink.write(
				csvRecord([item.path, item.label, item.annotator, String(item.confidence), item.decidedAt]),
			);
			written++;
		}

		return {written};
	},
};

/** Records of a CSV file with their first line; a quoted field may span lines. */
async function* csvRecords(file: string, report: Parameters<FormatReader>[1]) {
	const splitter = createCsvSplitter();
	for await (const {line, text} of readLines(file, report, {raw: true})) {
		const result = splitter.push(line, text);
		if (result && isCsvProblem(result)) {
			report({file, ...result});
		} else if (result) {
			yield result;
		}
	}

	const unclosed = splitter.end();
	if (unclosed) {
		report({file, ...unclosed});
	}
}

export const readCsv: FormatReader = async function* (file, report) {
	let columns: Map<string, number> | undefined;
	for await (const {line, fields} of csvRecords(file, report)) {
		if (columns === undefined) {
			const names = fields.map((name) => name.trim().toLowerCase());
			columns = new Map(names.map((name, index) => [name, index]));
			if (names.includes('path') && names.includes('label')) {
				continue; // A header.
			}

			columns = new Map(csvColumns.map((name, index) => [name, index]));
		}

		const field = (name: string) => {
			const index = columns?.get(name);
			return index === undefined ? undefined : textOf(fields[index]);
		};
		const path = field('path');
		const label = field('label');
		if (path === undefined || label === undefined) {
			report({file, line, column: 1, reason: 'needs a path and a label'});
			continue;
		}

		const annotator = field('annotator');
		const confidence = confidenceOf(field('confidence'));
		yield {
			line,
			ref: refOf(path),
			human: {
				label,
				...(annotator ? {annotator} : {}),
				...(confidence === undefined ? {} : {confidence}),
			},
		};
	}
};
