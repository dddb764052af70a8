import {cp, mkdtemp} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {packageRootOf} from '../shared/package-root.js';
import {runLabel} from './label.js';

/** The bundled sample images: `samples/` at the package root. */
export const samplesFolder = path.join(packageRootOf(import.meta.url), 'samples');

/** Copies the samples (minus their notes) into a fresh folder, so the demo never touches them. */
export async function makeDemoFolder(): Promise<string> {
	const dir = await mkdtemp(path.join(os.tmpdir(), 'imgsift-demo-'));
	await cp(samplesFolder, dir, {
		recursive: true,
		filter: (source) => !/\.(md|json)$/.test(source),
	});
	return dir;
}

export async function runDemo(): Promise<void> {
	const dir = await makeDemoFolder();
	process.stderr.write(`imgsift demo: labeling a copy of the sample images in ${dir}\n`);
	await runLabel({dir, classes: 'photo,screenshot', commitOnExit: true});
	process.stderr.write(
		`imgsift demo: the labeled copy is in ${dir} (class folders under labeled/)\n`,
	);
}
