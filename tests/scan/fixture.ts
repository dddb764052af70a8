import {mkdir, mkdtemp, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import type {TestContext} from 'node:test';
import {type WalkOptions, type WalkSummary, walkImages} from '../../source/scan/walk.js';
import {removeFolder} from '../helpers/temp-dir.js';

/** A fresh temp folder, removed when the test ends. */
export async function tempDir(t: TestContext): Promise<string> {
	const dir = await mkdtemp(path.join(tmpdir(), 'imgsift-scan-'));
	t.after(() => removeFolder(dir));
	return dir;
}

/** Creates empty files; a path ending in `/` is a folder. */
export async function makeTree(root: string, paths: readonly string[]): Promise<void> {
	for (const relative of paths) {
		const absolute = path.join(root, relative);
		if (relative.endsWith('/')) {
			await mkdir(absolute, {recursive: true});
		} else {
			await mkdir(path.dirname(absolute), {recursive: true});
			await writeFile(absolute, '');
		}
	}
}

export type WalkResult = {
	readonly batches: string[][];
	readonly paths: string[];
	readonly summary: WalkSummary;
	readonly problems: Array<[string, string]>;
	readonly skipped: Array<[string, string]>;
};

/** Runs a whole walk, keeping the batches, the callbacks' reports and the returned summary. */
export async function walkAll(
	dir: string,
	options: Partial<WalkOptions> = {},
): Promise<WalkResult> {
	const problems: Array<[string, string]> = [];
	const skipped: Array<[string, string]> = [];
	const walk = walkImages(dir, {
		ignore: [],
		...options,
		onProblem: (relative, reason) => problems.push([relative, reason]),
		onSkipped: (relative, reason) => skipped.push([relative, reason]),
	});
	const batches: string[][] = [];
	for (let step = await walk.next(); ; step = await walk.next()) {
		if (step.done) {
			return {batches, paths: batches.flat(), summary: step.value, problems, skipped};
		}

		batches.push(step.value);
	}
}
