/**
A class-folder tree, `<class>/<file>`, as torchvision's `ImageFolder` and Keras's
`image_dataset_from_directory` read it. Reading one back: every image under a class folder, symlinked ones too (--symlink exports).
*/
import {stat} from 'node:fs/promises';
import path from 'node:path';
import {hasImageExtension, walkImages} from '../scan/walk.js';
import {describeFsError} from '../shared/fs-errors.js';
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

/**
What a symlink in the tree (an export made with --symlink) leads to: a regular file's path, read
for its bytes only (the label is the link's folder, the name the link's), or why it is left out.
*/
async function linkedFile(file: string): Promise<{file: string} | {reason: string}> {
	try {
		return (await stat(file)).isFile()
			? {file}
			: {reason: 'is a symbolic link to something that is not a regular file'};
	} catch (error) {
		return {reason: `is a symbolic link that leads to no file (${describeFsError(error)})`};
	}
}

export const readImageFolder: FormatReader = async function* (folder, report) {
	let line = 0;
	// The walk never follows links; here a link is an entry of the tree like a file.
	const links: string[] = [];
	const entry = async (itemPath: string, linked: boolean) => {
		line++;
		const [label, ...rest] = itemPath.split('/');
		const file = path.join(folder, itemPath);
		if (label === undefined || rest.length === 0) {
			report({file, line: 0, reason: 'is not inside a class folder'});
			return undefined;
		}

		const content = linked ? await linkedFile(file) : {file};
		if ('reason' in content) {
			report({file, line: 0, reason: content.reason});
			return undefined;
		}

		// The name inside the class folder is the original's; the bytes are the original's too.
		return {line, ref: refOf(rest.join('/'), content.file), human: {label}};
	};

	const walk = walkImages(folder, {
		ignore: [],
		onProblem: (itemPath, reason) =>
			report({file: folder, line: 0, reason: `${itemPath}: ${reason}`}),
		onSkipped: (itemPath, reason) => {
			if (reason.startsWith('symbolic link') && hasImageExtension(itemPath)) {
				links.push(itemPath);
			}
		},
	});
	for await (const batch of walk) {
		for (const itemPath of batch) {
			const row = await entry(itemPath, false);
			if (row) {
				yield row;
			}
		}

		for (const itemPath of links.splice(0)) {
			const row = await entry(itemPath, true);
			if (row) {
				yield row;
			}
		}
	}

	for (const itemPath of links.splice(0)) {
		const row = await entry(itemPath, true);
		if (row) {
			yield row;
		}
	}
};
