/**
Imported predictions, kept as a predictions CSV (`path,label,confidence`) that `--predictions`
already reads: a later import replaces the rows of the paths it brings and keeps the others.
*/
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {csvRecord} from '../formats/csv.js';
import {parseCsvPredictions} from '../formats/predictions.js';
import {errorCode} from '../shared/fs-errors.js';
import {atomicTextFile} from '../store/atomic-file.js';
import {labelsDir} from '../store/paths.js';

export const importedPredictionsName = 'imported-predictions.csv';

export type ImportedPrediction = {
	readonly path: string;
	readonly label: string;
	readonly confidence: number;
};

async function earlierRows(file: string): Promise<ImportedPrediction[]> {
	try {
		const parsed = parseCsvPredictions(await readFile(file, 'utf8'));
		return parsed.rows.map((row) => ({
			path: row.path,
			label: row.label,
			confidence: row.confidence ?? 1,
		}));
	} catch (error) {
		if (errorCode(error) === 'ENOENT') {
			return [];
		}

		throw error;
	}
}

/** Writes the merged file atomically and returns its path. */
export async function writeImportedPredictions(
	dir: string,
	rows: readonly ImportedPrediction[],
): Promise<string> {
	const file = path.join(labelsDir(dir), importedPredictionsName);
	const merged = new Map((await earlierRows(file)).map((row) => [row.path, row]));
	for (const row of rows) {
		// The predictions reader reads one line per row: a path with a line break cannot be one.
		if (!/[\r\n]/.test(row.path)) {
			merged.set(row.path, row);
		}
	}

	const lines = [csvRecord(['path', 'label', 'confidence'])];
	for (const row of merged.values()) {
		lines.push(csvRecord([row.path, row.label, String(row.confidence)]));
	}

	await atomicTextFile(file).write(lines.join(''));
	return file;
}
