/** The names --format takes; kept apart so the CLI lists them without loading any format. */
export const exportFormats = [
	'imagefolder',
	'hf',
	'gt',
	'csv',
	'jsonl',
	'labelstudio',
	'prodigy',
	'fiftyone',
] as const;
export type ExportFormat = (typeof exportFormats)[number];

export const importFormats = [
	'gt',
	'labelstudio',
	'prodigy',
	'csv',
	'jsonl',
	'hf',
	'imagefolder',
	'fiftyone',
] as const;
export type ImportFormat = (typeof importFormats)[number];
