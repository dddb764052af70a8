/**
`imgsift export`: the dataset's current decisions written in another tool's format, without
touching the images. Streams the items into a temp file or folder, renamed into place at the end.
*/
import path from 'node:path';
import {hashedPath} from '../files/commit/paths.js';
import {writeFileAtomically, writeFolderAtomically} from '../formats/atomic-output.js';
import {decidedItems} from '../formats/decided-items.js';
import type {ExportOptions, LinkMode} from '../formats/format-types.js';
import {attributeProblem} from '../formats/gt.js';
import {type ExportFormat, writers} from '../formats/registry.js';
import {readAllJournals} from '../ledger/files/files-ledger.js';
import {keepHeapSmall} from '../shared/heap-budget.js';
import {UserError} from '../shared/user-error.js';
import {rememberedManifest} from '../sources/manifest-source.js';
import {isInside, projectPath} from '../store/paths.js';
import {loadProject} from '../store/project-config.js';
import {resolveOverlap} from '../store/team-config.js';
import {datasetFolder} from './dataset.js';

export type ExportRequest = {
	readonly dir: string;
	readonly format: ExportFormat;
	readonly to?: string | undefined;
	readonly force?: boolean | undefined;
	readonly link?: LinkMode | undefined;
	readonly attribute?: string | undefined;
	readonly jobName?: string | undefined;
	readonly inputManifest?: string | undefined;
	readonly now?: Date | undefined;
	/** Team overlap mode: votes per image, for the consensus that gives final labels. */
	readonly overlap?: number | undefined;
};

export type ExportSummary = {
	readonly target: string;
	readonly format: ExportFormat;
	readonly written: number;
	readonly warnings: readonly string[];
};

/** `<parent>/<dataset>-<format>[.<ext>]`, beside the dataset so no scan ever sees it. */
export function defaultTarget(dir: string, format: ExportFormat): string {
	const writer = writers[format];
	const name = `${path.basename(dir)}-${format}`;
	return path.join(
		path.dirname(dir),
		writer.kind === 'file' ? `${name}.${writer.extension}` : name,
	);
}

export async function runExportRequest(request: ExportRequest): Promise<ExportSummary> {
	keepHeapSmall(process.env, {youngGenerationMiB: 8, oldGenerationGrowingPercent: 100});
	const dir = await datasetFolder(request.dir);
	const config = await loadProject(dir);
	if (!config) {
		throw new UserError(
			`${dir} has no imgsift project (${projectPath(dir)} is missing), so there is nothing to export. Label it first: imgsift label ${dir} --classes photo,screenshot`,
		);
	}

	const attribute = request.attribute ?? 'label';
	const problem = attributeProblem(attribute);
	if (problem !== undefined) {
		throw new UserError(`--attribute ${JSON.stringify(attribute)} cannot be used: ${problem}.`);
	}

	const writer = writers[request.format];
	const target = path.resolve(request.to ?? defaultTarget(dir, request.format));
	if (writer.kind === 'folder' && isInside(dir, target)) {
		throw new UserError(
			`${target} is inside the dataset folder, where labeling would take the exported images for new ones. Give a --to outside ${dir}.`,
		);
	}

	// Through the port's read side: the files adapter today, any ledger's readAll later.
	// Labeled from a manifest (label --manifest): a gt export chains onto it unless told otherwise.
	const inputManifest = request.inputManifest
		? path.resolve(request.inputManifest)
		: request.format === 'gt'
			? await rememberedManifest(dir)
			: undefined;
	// The folder remembers the overlap it is labeled with: an export need not be told again.
	const overlap = await resolveOverlap(dir, request.overlap, {save: false});
	const mode = overlap ? {kind: 'overlap' as const, votes: overlap} : undefined;
	const decided = await decidedItems(dir, config.classes, await readAllJournals(dir), mode);
	const warnings: string[] = [];
	const options: ExportOptions = {
		dir,
		classes: config.classes,
		link: request.link ?? 'hardlink',
		attribute,
		jobName: request.jobName ?? 'imgsift',
		...(inputManifest ? {inputManifest} : {}),
		now: request.now ?? new Date(),
		clashName: hashedPath,
		warn: (message) => warnings.push(message),
	};
	const force = request.force ?? false;
	const {written} =
		writer.kind === 'file'
			? await writeFileAtomically(target, force, (sink) =>
					writer.write(decided.items(), sink, options),
				)
			: await writeFolderAtomically(target, force, (folder) =>
					writer.write(decided.items(), folder, options),
				);
	if (decided.notFinal() > 0) {
		warnings.push(
			`${decided.notFinal()} decided image(s) have no final label yet (votes pending or contested) and were left out; imgsift status ${dir} shows them, imgsift label ${dir} --adjudicate settles contested ones`,
		);
	}

	return {target, format: request.format, written, warnings};
}
