/** The formats export writes and import reads, by the name given to --format. */
import {csvWriter, readCsv} from './csv.js';
import {fiftyOneWriter, readFiftyOne} from './fiftyone.js';
import type {ExportFormat, ImportFormat} from './format-names.js';
import type {FormatReader, FormatWriter} from './format-types.js';
import {gtWriter, readGt} from './gt.js';
import {hfWriter, readHf} from './hf.js';
import {imageFolderWriter, readImageFolder} from './imagefolder.js';
import {jsonlWriter, readJsonl} from './jsonl.js';
import {labelStudioWriter, readLabelStudio} from './labelstudio.js';
import {prodigyWriter, readProdigy} from './prodigy.js';

export const writers: Readonly<Record<ExportFormat, FormatWriter>> = {
	imagefolder: imageFolderWriter,
	hf: hfWriter,
	gt: gtWriter,
	csv: csvWriter,
	jsonl: jsonlWriter,
	labelstudio: labelStudioWriter,
	prodigy: prodigyWriter,
	fiftyone: fiftyOneWriter,
};

export const readers: Readonly<Record<ImportFormat, FormatReader>> = {
	gt: readGt,
	labelstudio: readLabelStudio,
	prodigy: readProdigy,
	csv: readCsv,
	jsonl: readJsonl,
	hf: readHf,
	imagefolder: readImageFolder,
	fiftyone: readFiftyOne,
};

export type {ExportFormat, ImportFormat} from './format-names.js';
export {exportFormats, importFormats} from './format-names.js';
