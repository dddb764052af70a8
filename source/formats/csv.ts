/**
CSV: `path,label,annotator,confidence,decided_at`, one decided item per record, RFC 4180 quoting
(a field with a comma, quote, CR or LF is quoted; quotes doubled), LF lines. Reading splits with
csv-split.ts: CRLF files, and quoted fields holding commas, quotes and line breaks.
*/
import {createCsvSplitter, isCsvProblem} from './csv-split.js';
import type {FileWriter, FormatReader, ImportedRow} from './format-types.js';
import {confidenceOf, humanLabel, refOf, textOf} from './format-types.js';
import {readLineBatches} from './line-input.js';

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

/** Where each column is: the header's, or csvColumns' order when the file has none. */
type ColumnIndex = {
	readonly path: number | undefined;
	readonly label: number | undefined;
	readonly annotator: number | undefined;
	readonly confidence: number | undefined;
};

function columnIndex(names: readonly string[]): ColumnIndex {
	const at = (name: string) => {
		const index = names.lastIndexOf(name);
		return index === -1 ? undefined : index;
	};
	return {
		path: at('path'),
		label: at('label'),
		annotator: at('annotator'),
		confidence: at('confidence'),
	};
}

const fieldAt = (fields: readonly string[], index: number | undefined) =>
	index === undefined ? undefined : textOf(fields[index]);

/** A record as a row, or undefined when it lacks a path or a label. */
function rowOf(
	line: number,
	fields: readonly string[],
	columns: ColumnIndex,
): ImportedRow | undefined {
	const path = fieldAt(fields, columns.path);
	const label = fieldAt(fields, columns.label);
	if (path === undefined || label === undefined) {
		return undefined;
	}

	const annotator = fieldAt(fields, columns.annotator);
	const confidence = confidenceOf(fieldAt(fields, columns.confidence));
	return {line, ref: refOf(path), human: humanLabel(label, annotator, undefined, confidence)};
}

/**
Records of a CSV file a read's lines at a time (a quoted field may span lines), as rows. The first
record is a header when it names a path and a label column.
*/
export const readCsv: FormatReader = async function* (file, report) {
	const splitter = createCsvSplitter();
	let columns: ColumnIndex | undefined;
	for await (const lines of readLineBatches(file, {raw: true})) {
		for (const entry of lines) {
			if (entry.problem) {
				report(entry.problem);
				continue;
			}

			const result = splitter.push(entry.line, entry.text);
			if (result === undefined) {
				continue;
			}

			if (isCsvProblem(result)) {
				report({file, ...result});
				continue;
			}

			const {line, fields} = result;
			if (columns === undefined) {
				const names = fields.map((name) => name.trim().toLowerCase());
				if (names.includes('path') && names.includes('label')) {
					columns = columnIndex(names);
					continue; // A header.
				}

				columns = columnIndex(csvColumns);
			}

			const row = rowOf(line, fields, columns);
			if (row) {
				yield row;
			} else {
				report({file, line, column: 1, reason: 'needs a path and a label'});
			}
		}
	}

	const unclosed = splitter.end();
	if (unclosed) {
		report({file, ...unclosed});
	}
};
