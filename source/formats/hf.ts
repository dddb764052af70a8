/**
A Hugging Face `imagefolder` dataset, as in the datasets docs "Create an image dataset"
(ImageFolder, "Additional columns"): the images, and a `metadata.jsonl` beside them with one object
per image whose `file_name` is relative to the metadata file, plus `label`, `annotator`,
`confidence` and `origin` columns. Images keep their paths from the dataset folder.
*/
import {stat} from 'node:fs/promises';
import path from 'node:path';
import {writeFileAtomically} from './atomic-output.js';
import type {FolderWriter, FormatReader} from './format-types.js';
import {confidenceOf, humanLabel, refOf, textOf} from './format-types.js';
import {jsonEntryOf, readLineBatches} from './line-input.js';
import {createPlacer} from './place-file.js';

export const hfMetadataName = 'metadata.jsonl';

export const hfWriter: FolderWriter = {
	kind: 'folder',
	async write(items, folder, options) {
		const placer = createPlacer(options);
		return writeFileAtomically(path.join(folder, hfMetadataName), false, async (sink) => {
			let written = 0;
			for await (const item of items) {
				const placed = await placer.place(
					item.absolutePath,
					path.join(folder, ...item.path.split('/')),
					item.sha1,
				);
				if (placed === undefined) {
					continue;
				}

				const row = {
					file_name: path.relative(folder, placed).split(path.sep).join('/'),
					label: item.label,
					annotator: item.annotator,
					confidence: item.confidence,
					origin: item.origin,
				};
				await sink.write(`${JSON.stringify(row)}\n`);
				written++;
			}

			return {written};
		});
	},
};

/** FILE may be the dataset folder or its metadata.jsonl. */
export const readHf: FormatReader = async function* (file, report) {
	const metadata = (await stat(file)).isDirectory() ? path.join(file, hfMetadataName) : file;
	const base = path.dirname(metadata);
	// A resolved POSIX folder below the root: a plain name can be glued on (below).
	const glue = path.sep === '/' && base !== '/' && base === path.resolve(base);
	// A read's lines at a time, with no await per line.
	for await (const lines of readLineBatches(metadata)) {
		for (const text of lines) {
			const entry = jsonEntryOf(metadata, text);
			if (entry.problem) {
				report(entry.problem);
				continue;
			}

			const {line, value} = entry;
			const name = textOf(value['file_name']);
			const label = textOf(value['label']);
			if (name === undefined || label === undefined) {
				report({file: metadata, line, column: 1, reason: 'needs "file_name" and "label"'});
				continue;
			}

			const annotator = textOf(value['annotator']);
			const origin = textOf(value['origin']);
			const confidence = confidenceOf(value['confidence']);
			// A plain relative name (no `.` segment, empty segment, backslash or NUL) resolves to itself under
			// the resolved folder: path.resolve for each of 100k rows found nothing to normalize.
			const inside =
				glue && !/^[./]|\/\.|\/\/|\/$|[\\\0]/.test(name)
					? `${base}/${name}`
					: path.resolve(base, name);
			// A file_name leaving the metadata's folder has no content we may read; matching refuses it.
			const content = inside.startsWith(`${base}${path.sep}`) ? inside : undefined;
			yield {
				line,
				ref: refOf(name, content),
				human: humanLabel(label, annotator, origin, confidence),
			};
		}
	}
};
