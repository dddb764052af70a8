/**
Images listed by a SageMaker Ground Truth input manifest (`source-ref` per line) instead of a folder
walk, in line order. Local paths (relative to the manifest's folder, absolute, or `file://`) must
lie inside the dataset folder; `s3://` lines are for an S3 prefix (sources/s3/manifest-objects.ts).
The manifest is remembered, so a `gt` export keeps every key of its lines (chaining).
*/
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {refOf, textOf} from '../formats/format-types.js';
import {describeProblem, readJsonLines} from '../formats/line-input.js';
import {errorCode} from '../shared/fs-errors.js';
import {writeJsonAtomically} from '../store/atomic-file.js';
import {isInside, labelsDir, relativeItemPath} from '../store/paths.js';

const batchSize = 500;

export async function* manifestItems(
	manifest: string,
	dir: string,
	onProblem: (itemPath: string, reason: string) => void,
): AsyncGenerator<string[]> {
	const base = path.dirname(path.resolve(manifest));
	let batch: string[] = [];
	const report = (problem: Parameters<typeof describeProblem>[0]) =>
		onProblem(manifest, describeProblem(problem));
	for await (const {line, value} of readJsonLines(manifest, report)) {
		const source = textOf(value['source-ref']);
		if (source === undefined) {
			onProblem(
				`${manifest}:${line}`,
				'has no "source-ref" (a "source" line holds text, not an image)',
			);
			continue;
		}

		const ref = refOf(source);
		if (ref.kind === 'url') {
			onProblem(
				source,
				/^s3:\/\//i.test(source)
					? `is an S3 object; label its prefix to use it: imgsift label s3://bucket/prefix/ --manifest ${manifest}`
					: 'is not a local file or an s3:// object',
			);
			continue;
		}

		const absolute = path.resolve(base, ref.path);
		if (!isInside(dir, absolute) || absolute === path.resolve(dir)) {
			onProblem(source, `is outside ${dir}; put the images inside the dataset folder`);
			continue;
		}

		batch.push(relativeItemPath(dir, absolute));
		if (batch.length >= batchSize) {
			yield batch;
			batch = [];
		}
	}

	if (batch.length > 0) {
		yield batch;
	}
}

const rememberedName = 'input-manifest.json';

/** Remembers which manifest the dataset is labeled from, for the gt export. */
export async function rememberManifest(dir: string, manifest: string): Promise<void> {
	await writeJsonAtomically(path.join(labelsDir(dir), rememberedName), {
		manifest: path.resolve(manifest),
	});
}

export async function rememberedManifest(dir: string): Promise<string | undefined> {
	try {
		const text = await readFile(path.join(labelsDir(dir), rememberedName), 'utf8');
		const value = JSON.parse(text) as {manifest?: unknown};
		return typeof value.manifest === 'string' ? value.manifest : undefined;
	} catch (error) {
		if (errorCode(error) === 'ENOENT' || error instanceof SyntaxError) {
			return undefined;
		}

		throw error;
	}
}
