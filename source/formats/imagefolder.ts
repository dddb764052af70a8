/**
A class-folder tree, `<class>/<file>`, as torchvision's `ImageFolder` and Keras's
`image_dataset_from_directory` read it. Reading one back: every image under a class folder.
*/
import path from 'node:path';
import {walkImages} from '../scan/walk.js';
import type {FolderWriter, FormatReader} from './format-types.js';
import {refOf} from './format-types.js';
import {createPlacer} from './place-file.js';

export const imageFolderWriter: FolderWriter = {
	kind: 'folder',
	async write(items, folder, options) {
		const placer = createPlacer(options);
		let written = 0;
		for await (const item of items) {
			const destination = path.join(folder, item.label, path.posix.basename(item.path));
			if (await placer.place(item.absolutePath, destination, item.sha1)) {
				written++;
			}
		}

		return {written};
	},
};

export const readImageFolder: FormatReader = async function* (folder, report) {
	let line = 0;
	for await (const batch of walkImages(folder, {
		ignore: [],
		onProblem: (itemPath, reason) =>
			report({file: folder, line: 0, reason: `${itemPath}: ${reason}`}),
	})) {
		for (const itemPath of batch) {
			line++;
			const [label, ...rest] = itemPath.split('/');
			if (label === undefined || rest.length === 0) {
				report({
					file: path.join(folder, itemPath),
					line: 0,
					reason: 'is not inside a class folder',
				});
				continue;
			}

			// The name inside the class folder is the original's; the bytes are the original's too.
			yield {line, ref: refOf(rest.join('/'), path.join(folder, itemPath)), human: {label}};
		}
	}
};
