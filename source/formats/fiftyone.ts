/**
FiftyOne's image classification dataset (`fo.types.FiftyOneImageClassificationDataset`), as in
its docs "Exporting datasets / FiftyOneImageClassificationDataset": `data/<uuid><ext>` and a
`labels.json` of `{"classes": [...], "labels": {"<uuid>": {"label": <class index>,
"confidence": <0..1>}}}`, where `<uuid>` is the file name in `data/` without its extension.
*/
import {readdir, readFile} from 'node:fs/promises';
import path from 'node:path';
import {sha1OfStream} from '../scan/content-hash.js';
import {UserError} from '../shared/user-error.js';
import {writeFileAtomically} from './atomic-output.js';
import type {FolderWriter, FormatReader} from './format-types.js';
import {refOf} from './format-types.js';
import {createPlacer} from './place-file.js';

export const fiftyOneWriter: FolderWriter = {
	kind: 'folder',
	async write(items, folder, options) {
		const placer = createPlacer(options);
		const data = path.join(folder, 'data');
		return writeFileAtomically(path.join(folder, 'labels.json'), false, async (sink) => {
			await sink.write(`{"classes": ${JSON.stringify(options.classes)},\n"labels": {`);
			const stems = new Set<string>();
			let written = 0;
			for await (const item of items) {
				const name = path.posix.basename(item.path);
				const extension = path.extname(name);
				// Keys are stems: `a.jpg` and `a.png` would share one, so the second gets the hash suffix.
				const stem = name.slice(0, name.length - extension.length);
				const plain = path.join(data, name);
				const wanted = stems.has(stem)
					? options.clashName(plain, item.sha1 ?? (await sha1OfStream(item.absolutePath)))
					: plain;
				const placed = await placer.place(item.absolutePath, wanted, item.sha1);
				if (placed === undefined) {
					continue;
				}

				const key = path.basename(placed).slice(0, -extension.length || undefined);
				stems.add(key);
				const label = {
					label: Math.max(0, options.classes.indexOf(item.label)),
					confidence: item.confidence,
				};
				await sink.write(
					`${written === 0 ? '\n' : ',\n'}${JSON.stringify(key)}: ${JSON.stringify(label)}`,
				);
				written++;
			}

			await sink.write('\n}}\n');
			return {written};
		});
	},
};

export const readFiftyOne: FormatReader = async function* (folder, report) {
	const file = path.join(folder, 'labels.json');
	let document: {classes?: unknown; labels?: unknown};
	try {
		document = JSON.parse(await readFile(file, 'utf8')) as typeof document;
	} catch (error) {
		throw new UserError(
			`could not read ${file} as JSON: ${error instanceof Error ? error.message : String(error)}. Give the folder FiftyOne exported.`,
			{cause: error},
		);
	}

	const classes = Array.isArray(document.classes) ? document.classes : [];
	const byStem = new Map<string, string>();
	for (const name of await readdir(path.join(folder, 'data'))) {
		byStem.set(name.slice(0, name.length - path.extname(name).length), name);
	}

	let line = 0;
	for (const [key, target] of Object.entries((document.labels ?? {}) as Record<string, unknown>)) {
		line++;
		const value =
			typeof target === 'object' && target !== null ? (target as {label?: unknown}).label : target;
		const label = typeof value === 'number' ? classes[value] : value;
		const name = byStem.get(key);
		if (typeof label !== 'string' || name === undefined) {
			report({
				file,
				line,
				reason: `label of ${JSON.stringify(key)} names no class or no file in data/`,
			});
			continue;
		}

		const confidence = (target as {confidence?: unknown}).confidence;
		yield {
			line,
			ref: refOf(name, path.join(folder, 'data', name)),
			human: {label, ...(typeof confidence === 'number' ? {confidence} : {})},
		};
	}
};
