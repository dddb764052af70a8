/** Readers for the user's own predictions: CSV, JSON lines, SageMaker Ground Truth manifests. */
import {isCsvProblem, splitCsvText} from './csv-split.js';
export type PredictionRow = {
	/** As written in the file: relative, absolute, or an s3:// URI. */
	readonly path: string;
	readonly label: string;
	readonly confidence: number | undefined;
	readonly line: number;
};

export type PredictionProblem = {readonly line: number; readonly reason: string};

export type ParsedPredictions = {
	readonly rows: readonly PredictionRow[];
	readonly problems: readonly PredictionProblem[];
	readonly format: 'csv' | 'jsonl' | 'sagemaker';
};

/** A confidence given as 0..1, or as a percentage (0..100); undefined when absent or not a number. */
function confidenceOf(value: unknown): number | undefined | 'invalid' {
	if (value === undefined || value === null || value === '') {
		return undefined;
	}

	const number = typeof value === 'number' ? value : Number(value);
	if (!Number.isFinite(number) || number < 0 || number > 100) {
		return 'invalid';
	}

	return number > 1 ? number / 100 : number;
}

/** The lines that hold something, numbered from 1 as an editor shows them; a leading BOM is dropped. */
function* filledLines(text: string): Generator<{line: number; raw: string}> {
	for (const [index, raw] of text
		.replace(/^\uFEFF/, '')
		.split(/\r?\n/)
		.entries()) {
		if (raw.trim() !== '') {
			yield {line: index + 1, raw};
		}
	}
}

export function parseCsvPredictions(text: string): ParsedPredictions {
	const rows: PredictionRow[] = [];
	const problems: PredictionProblem[] = [];
	for (const record of splitCsvText(text)) {
		if (isCsvProblem(record)) {
			problems.push({line: record.line, reason: record.reason});
			continue;
		}

		const {line} = record;
		const [path = '', label = '', confidence] = record.fields.map((field) => field.trim());
		const isHeader =
			rows.length === 0 && problems.length === 0 && /^(path|file|image|filename)$/i.test(path);
		if (isHeader) {
			continue;
		}

		const parsed = confidenceOf(confidence);
		if (path === '' || label === '') {
			problems.push({line, reason: 'needs path,label[,confidence]'});
		} else if (parsed === 'invalid') {
			problems.push({
				line,
				reason: `confidence ${JSON.stringify(confidence)} is not a number from 0 to 1`,
			});
		} else {
			rows.push({path, label, confidence: parsed, line});
		}
	}

	return {rows, problems, format: 'csv'};
}

const pathKeys = ['path', 'file', 'filename', 'image', 'source-ref'];
const labelKeys = ['label', 'class', 'prediction', 'guess', 'class-name'];
const confidenceKeys = ['confidence', 'score', 'probability'];

const pick = (object: Record<string, unknown>, keys: readonly string[]) =>
	keys.map((key) => object[key]).find((value) => value !== undefined);

/** A Ground Truth line: `source-ref` plus an attribute whose `<attr>-metadata` names the class. */
function sagemakerRow(
	object: Record<string, unknown>,
): {label: unknown; confidence: unknown} | undefined {
	for (const [key, value] of Object.entries(object)) {
		if (key.endsWith('-metadata') && typeof value === 'object' && value !== null) {
			const metadata = value as Record<string, unknown>;
			if (metadata['class-name'] !== undefined) {
				return {label: metadata['class-name'], confidence: metadata['confidence']};
			}
		}
	}

	return undefined;
}

export function parseJsonLinesPredictions(text: string): ParsedPredictions {
	const rows: PredictionRow[] = [];
	const problems: PredictionProblem[] = [];
	let sagemakerLines = 0;
	for (const {line, raw} of filledLines(text)) {
		let object: Record<string, unknown>;
		try {
			const value: unknown = JSON.parse(raw);
			if (typeof value !== 'object' || value === null || Array.isArray(value)) {
				throw new TypeError('not an object');
			}

			object = value as Record<string, unknown>;
		} catch {
			problems.push({line, reason: 'not a JSON object'});
			continue;
		}

		const sagemaker = sagemakerRow(object);
		sagemakerLines += sagemaker ? 1 : 0;
		const path = pick(object, pathKeys);
		const label = sagemaker ? sagemaker.label : pick(object, labelKeys);
		const confidence = confidenceOf(
			sagemaker ? sagemaker.confidence : pick(object, confidenceKeys),
		);
		if (typeof path !== 'string' || path === '') {
			problems.push({line, reason: `no path (one of ${pathKeys.join(', ')})`});
		} else if (typeof label !== 'string' || label === '') {
			problems.push({
				line,
				reason: `no label (one of ${labelKeys.join(', ')}, or <attr>-metadata.class-name)`,
			});
		} else if (confidence === 'invalid') {
			problems.push({line, reason: 'confidence is not a number from 0 to 1'});
		} else {
			rows.push({path, label, confidence, line});
		}
	}

	return {rows, problems, format: sagemakerLines > 0 ? 'sagemaker' : 'jsonl'};
}

/** Chooses the reader by extension, else by the first character (`{` means JSON lines). */
export function parsePredictions(text: string, fileName: string): ParsedPredictions {
	if (/\.csv$/i.test(fileName)) {
		return parseCsvPredictions(text);
	}

	if (/\.(jsonl|ndjson|json|manifest)$/i.test(fileName) || text.trimStart().startsWith('{')) {
		return parseJsonLinesPredictions(text);
	}

	return parseCsvPredictions(text);
}
