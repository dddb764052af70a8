/**
A minimal SageMaker Ground Truth image-classification output manifest writer, for
`commit --commit-mode manifest` on an S3 prefix: one JSON object per line, `source-ref` the
object's s3:// URL, `<attribute>` the class index and `<attribute>-metadata` as Ground Truth
writes it. It shares its rules with the full writer in gt.ts, which streams and chains input manifests.
*/
import {randomBytes} from 'node:crypto';
import {mkdir, open, rename, rm} from 'node:fs/promises';
import path from 'node:path';
import {entries} from '../core/persistent-map.js';
import type {SessionState} from '../core/session-state.js';
import {UserError} from '../shared/user-error.js';
import {syncFolder} from '../store/atomic-file.js';
import {attributeProblem, gtDate, gtType} from './gt.js';

export type GtManifestOptions = {
	/** The s3:// URL of an item path (the prefix joined with it). */
	readonly sourceRef: (itemPath: string) => string;
	/** Must not contain `-metadata` nor end in `-ref` (Ground Truth's rule). */
	readonly attribute?: string;
	readonly jobName?: string;
};

/** The manifest's lines for every decided item, in path order. */
export function gtManifestLines(state: SessionState, options: GtManifestOptions): string[] {
	const attribute = options.attribute ?? 'label';
	const problem = attributeProblem(attribute);
	if (problem !== undefined) {
		throw new UserError(`"${attribute}" cannot be a Ground Truth attribute name: ${problem}.`);
	}

	const decided = [...entries(state.decisions)].sort(([left], [right]) =>
		left < right ? -1 : left > right ? 1 : 0,
	);
	return decided.map(([itemPath, decision]) => {
		const line = {
			'source-ref': options.sourceRef(itemPath),
			[attribute]: Math.max(0, state.classes.indexOf(decision.label)),
			[`${attribute}-metadata`]: {
				'class-name': decision.label,
				confidence: decision.via === 'guess' ? (decision.guess?.confidence ?? 1) : 1,
				type: gtType,
				'job-name': `labeling-job/${options.jobName ?? 'imgsift'}`,
				'human-annotated': 'yes',
				'creation-date': gtDate(decision.time),
			},
		};
		return JSON.stringify(line);
	});
}

/** Writes the manifest atomically (temp file, fsync, rename, fsync of the folder). */
export async function writeGtManifest(file: string, lines: readonly string[]): Promise<void> {
	const folder = path.dirname(path.resolve(file));
	await mkdir(folder, {recursive: true});
	const temp = path.join(folder, `.${path.basename(file)}.${randomBytes(4).toString('hex')}.tmp`);
	const handle = await open(temp, 'wx');
	try {
		await handle.writeFile(lines.map((line) => `${line}\n`).join(''));
		await handle.sync();
		await handle.close();
		await rename(temp, file);
		await syncFolder(folder);
	} catch (error) {
		await handle.close().catch(() => undefined);
		await rm(temp, {force: true});
		throw error;
	}
}
