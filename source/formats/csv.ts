/**
CSV: `path,label,annotator,confidence,decided_at`, one decided item per record, RFC 4180 quoting
(a field with a comma, quote, CR or LF is quoted; quotes doubled), CRLF-free LF lines.
*/
import type {FileWriter, FormatReader} from './format-types.js';
import {confidenceOf, refOf, textOf} from './format-types.js';
import {readLines} from './line-input.js';

export const csvColumns = ['path', 'label', 'annotator', 'confidence', 'decided_at'] as const;

export function csvField(value: string): string {
	return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export const csvRecord = (fields: readonly string[]): string =>
	`${fields.map(csvField).join(',')}\n`;

/** Fields of one record, or `open` when a quoted field runs on past the end of `text`. */
export function splitCsvRecord(text: string): string[] | 'open' | {column: number} {
	const fields: string[] = [];
	let field = '';
	let quoted = false;
	let wasQuoted = false;
	for (let index = 0; index < text.length; index++) {
		const character = text[index];
		if (quoted) {
			if (character === '"' && text[index + 1] === '"') {
				field += '"';
				index++;
			} else if (character === '"') {
				quoted = false;
			} else {
				field += character;
			}
		} else if (character === '"' && field === '' && !wasQuoted) {
			quoted = true;
			wasQuoted = true;
		} else if (character === ',') {
			fields.push(field);
			field = '';
			wasQuoted = false;
		} else if (wasQuoted) {
			return {column: index + 1}; // Text after a closing quote: not RFC 4180.
		} else {
			field += character;
		}
	}

	if (quoted) {
		return 'open';
	}

	fields.push(field);
	return fields;
}

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
	let pending: {line: number; text: string} | undefined;
	for await (const {line, text} of readLines(file, report)) {
		const joined = pending ? {line: pending.line, text: `${pending.text}\n${text}`} : {line, text};
		const fields = splitCsvRecord(joined.text);
		if (fields === 'open') {
			pending = joined;
			continue;
		}

		pending = undefined;
		if (Array.isArray(fields)) {
			yield {line: joined.line, fields};
		} else {
			report({
				file,
				line: joined.line,
				column: fields.column,
				reason: 'has text after a closing quote',
			});
		}
	}

	if (pending) {
		report({file, line: pending.line, reason: 'has a quote that is never closed'});
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
