/** What `imgsift import` keeps with a label it brings in: the imported file's own words about it. */
export type ImportNote = {
	readonly annotator?: string;
	readonly confidence?: number;
	/** How the label was made in the tool it came from (`key`, `guess`…), when the file says. */
	readonly origin?: string;
};

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

export const isImportNote = (value: unknown): value is ImportNote =>
	isObject(value) &&
	['annotator', 'origin'].every(
		(key) => value[key] === undefined || typeof value[key] === 'string',
	) &&
	(value['confidence'] === undefined ||
		(typeof value['confidence'] === 'number' &&
			value['confidence'] >= 0 &&
			value['confidence'] <= 1));
