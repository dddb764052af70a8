/** What every format module provides: a writer from LabeledItems, a reader to ImportedRows. */

import type {TextSink} from './atomic-output.js';
import type {LabeledItem} from './labeled-item.js';
import type {ProblemSink} from './line-input.js';

/** How an imported file names an image. */
export type ItemRef = {
	/** As written in the file, for messages. */
	readonly written: string;
	/** `path`: a file path (relative to the dataset, or absolute); `url`: only its tail can match. */
	readonly kind: 'path' | 'url';
	/** A POSIX relative path, an absolute path, or the path part of a URL. */
	readonly path: string;
	/** A local file with the same bytes (folder formats carry their images), for hash matching. */
	readonly contentFile?: string;
	readonly sha1?: string;
};

export type HumanLabel = {
	readonly label: string;
	readonly annotator?: string;
	readonly confidence?: number;
	/** How the label was made in the tool it came from (`key`, `guess`…), when the file says. */
	readonly origin?: string;
};

export type Prediction = {
	readonly label: string;
	readonly confidence: number;
	readonly model?: string;
};

export type ImportedRow = {
	readonly line: number;
	readonly ref: ItemRef;
	readonly human?: HumanLabel;
	readonly prediction?: Prediction;
};

export type ReadOptions = {
	/** GT: the label attribute to read (default: the last classification attribute of a line). */
	readonly attribute?: string;
	/** Counts rows a reader passes over on purpose (Prodigy rejects, unlabeled tasks). */
	readonly onPassedOver?: (reason: string) => void;
};

export type FormatReader = (
	file: string,
	report: ProblemSink,
	options: ReadOptions,
) => AsyncIterable<ImportedRow>;

export type LinkMode = 'hardlink' | 'symlink' | 'copy';

export type ExportOptions = {
	readonly dir: string;
	readonly classes: readonly string[];
	readonly link: LinkMode;
	/** GT: the label attribute (validated), and the job name in its metadata. */
	readonly attribute: string;
	readonly jobName: string;
	/** GT chaining: the input manifest whose lines (and keys) the output keeps, in order. */
	readonly inputManifest?: string;
	readonly now: Date;
	/** The name a file gets when its plain name is taken: commit's `<stem>.<sha1 8 hex><ext>`. */
	readonly clashName: (destination: string, sha1: string) => string;
	/** Problems that do not stop an export (a file that could not be linked). */
	readonly warn: (message: string) => void;
};

export type ExportCount = {readonly written: number};

export type FileWriter = {
	readonly kind: 'file';
	readonly extension: string;
	write(
		items: AsyncIterable<LabeledItem>,
		sink: TextSink,
		options: ExportOptions,
	): Promise<ExportCount>;
};

export type FolderWriter = {
	readonly kind: 'folder';
	write(
		items: AsyncIterable<LabeledItem>,
		folder: string,
		options: ExportOptions,
	): Promise<ExportCount>;
};

export type FormatWriter = FileWriter | FolderWriter;

/** `s3://b/k`, `https://h/p`: only the path can match. `file://` and plain paths are paths. */
export function refOf(written: string, contentFile?: string, sha1?: string): ItemRef {
	const url = /^([a-z][a-z\d+.-]*):\/\/([^/]*)(.*)$/i.exec(written);
	let ref: {-readonly [K in keyof ItemRef]: ItemRef[K]};
	if (url && url[1]?.toLowerCase() !== 'file') {
		const tail = decodeURIComponentSafe((url[3] ?? '').split(/[?#]/)[0] ?? '').replace(/^\/+/, '');
		ref = {written, kind: 'url', path: tail};
	} else {
		ref = {written, kind: 'path', path: url ? decodeURIComponentSafe(url[3] ?? '') : written};
	}

	// By assignment: an import makes one per row, and spreads made two more objects each.
	if (contentFile) ref.contentFile = contentFile;
	if (sha1) ref.sha1 = sha1;
	return ref;
}

/**
A person's label with what the file said of it, absent parts left out. By assignment: readers make
one per row, and each conditional spread was an object of garbage.
*/
export function humanLabel(
	label: string,
	annotator: string | undefined,
	origin: string | undefined,
	confidence: number | undefined,
): HumanLabel {
	// From an empty literal: V8 gives it room for four fields in the object itself, where `{label}`
	// plus three more would need a second allocation per row (100k of them held until applied).
	const human = {} as {-readonly [K in keyof HumanLabel]: HumanLabel[K]};
	human.label = label;
	if (annotator) human.annotator = annotator;
	if (origin) human.origin = origin;
	if (confidence !== undefined) human.confidence = confidence;
	return human;
}

export function decodeURIComponentSafe(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

/** A confidence given as 0..1 or a percentage; undefined when absent or unusable. */
export function confidenceOf(value: unknown): number | undefined {
	const number =
		typeof value === 'number'
			? value
			: typeof value === 'string' && value.trim() !== ''
				? Number(value)
				: Number.NaN;
	if (!Number.isFinite(number) || number < 0 || number > 100) {
		return undefined;
	}

	return number > 1 ? number / 100 : number;
}

export const textOf = (value: unknown): string | undefined =>
	typeof value === 'string' && value.trim() !== '' ? value : undefined;
