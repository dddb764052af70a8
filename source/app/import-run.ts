/**
`imgsift import`: labels and predictions from another tool's file into a dataset. Human labels
become decide records (via `import`) in the user's journal, under the dataset lock, so they undo
like any other; predictions go to `.labels/imported-predictions.csv` for `--predictions`.
*/
import {stat} from 'node:fs/promises';
import path from 'node:path';
import {parseClassList} from '../core/class-names.js';
import type {SessionState} from '../core/session-state.js';
import type {ImportedRow} from '../formats/format-types.js';
import {describeProblem, type InputProblem} from '../formats/line-input.js';
import {type ImportFormat, readers} from '../formats/registry.js';
import {keepHeapSmall} from '../shared/heap-budget.js';
import {UserError} from '../shared/user-error.js';
import {labelsDir} from '../store/paths.js';
import {loadProject, resolveOut, saveProject} from '../store/project-config.js';
import {datasetFolder, openDataset} from './dataset.js';
import {type AppliedLabels, applyImportedLabels, type Conflict} from './import-decisions.js';
import {type Matching, matchRows} from './import-match.js';
import {type ImportedPrediction, writeImportedPredictions} from './imported-predictions.js';

export type ImportRequest = {
	readonly file: string;
	readonly format: ImportFormat;
	readonly dir: string;
	readonly prefer?: 'import' | 'existing' | undefined;
	readonly user?: string | undefined;
	readonly attribute?: string | undefined;
};

export type ImportReport = {
	readonly rows: number;
	readonly skippedLines: number;
	readonly problems: readonly string[];
	readonly passedOver: Readonly<Record<string, number>>;
	readonly matching: Omit<Matching, 'words' | 'rows'>;
	readonly decided: number;
	readonly unchanged: number;
	readonly replaced: number;
	readonly conflicts: readonly Conflict[];
	readonly unknownLabels: readonly string[];
	readonly addedClasses: readonly string[];
	readonly predictions: number;
	readonly predictionsFile: string | undefined;
};

/**
Rows of the file as they are read; problems and rows passed over are counted on the way. The
reader's own iterable, not a generator around it: a layer of async generators costs every row.
*/
async function readRows(
	request: ImportRequest,
	problems: InputProblem[],
	passedOver: Record<string, number>,
): Promise<AsyncIterable<ImportedRow>> {
	const file = path.resolve(request.file);
	await stat(file).catch((error: unknown) => {
		throw new UserError(`${request.file} does not exist. Give the file to import.`, {cause: error});
	});
	return readers[request.format](file, (problem) => problems.push(problem), {
		...(request.attribute ? {attribute: request.attribute} : {}),
		onPassedOver: (reason) => {
			passedOver[reason] = (passedOver[reason] ?? 0) + 1;
		},
	});
}

/** Classes the imported labels need: the project's plus each new label that can be one (up to nine). */
function planClasses(current: readonly string[], labels: readonly string[]) {
	const classes = [...current];
	const added: string[] = [];
	const unknown: string[] = [];
	let reason: string | undefined;
	for (const label of labels.filter((name) => !current.includes(name))) {
		try {
			const next = [...classes, label];
			// Fewer than two is fine while planning: the check for two comes once all are in.
			if (next.length < 2 || parseClassList(next.join(',')).length === next.length) {
				classes.push(label);
				added.push(label);
				continue;
			}
		} catch (error) {
			reason = error instanceof Error ? error.message : String(error);
		}

		unknown.push(label);
	}

	if (classes.length < 2) {
		reason = 'it names fewer than two classes, and a project needs two';
		return {classes: [...current], added: [], unknown: labels, reason};
	}

	return {classes, added, unknown, reason};
}

function withClasses(state: SessionState, classes: readonly string[]): SessionState {
	const counts = {...state.counts};
	for (const name of classes) {
		counts[name] ??= 0;
	}

	return {...state, classes, counts};
}

export async function runImportRequest(request: ImportRequest): Promise<ImportReport> {
	keepHeapSmall(process.env, {youngGenerationMiB: 16, oldGenerationGrowingPercent: 100});
	const dir = await datasetFolder(request.dir);
	const problems: InputProblem[] = [];
	const passedOver: Record<string, number> = {};
	const saved = await loadProject(dir);
	const ignore = [labelsDir(dir), ...(saved ? [resolveOut(dir, saved)] : [])];
	const rows = await readRows(request, problems, passedOver);
	// Applying the labels consumes `words`: at 100k items, 12 MB that closing the dataset does not need.
	const {words, ...matching} = await matchRows(dir, ignore, rows);
	// Prediction labels count too: they are classes the model knows, to label with later.
	const labels = new Set<string>();
	for (const {human, prediction} of words.values()) {
		for (const label of [human?.label, prediction?.label]) {
			if (label !== undefined) {
				labels.add(label);
			}
		}
	}

	const plan = planClasses(saved?.classes ?? [], saved ? [...labels] : [...labels].sort());
	if (!saved && plan.classes.length === 0) {
		throw new UserError(
			`${request.file} gave no classes imgsift can use for the files in ${dir} (${plan.reason ?? `${matching.unmatched.length} paths unmatched`}), so no project was made. Start the project first with imgsift label ${dir} --classes …, then import.`,
		);
	}

	const dataset = await openDataset(dir, saved ? undefined : {classes: plan.classes}, request.user);
	let applied: AppliedLabels;
	let predictionsFile: string | undefined;
	let predictions = 0;
	try {
		let state = dataset.store.getState();
		if (saved && plan.added.length > 0) {
			const current = (await loadProject(dir)) ?? saved;
			await saveProject(dir, {...current, classes: plan.classes});
			state = withClasses(state, plan.classes);
		}

		// Taken before the labels are applied: applying consumes `words`.
		const predicted: ImportedPrediction[] = [];
		for (const [itemPath, {prediction}] of words) {
			if (prediction) {
				predicted.push({path: itemPath, ...prediction});
			}
		}

		applied = await applyImportedLabels({
			dir,
			ledger: dataset.ledger,
			state,
			words,
			classes: plan.classes,
			preferImport: request.prefer === 'import',
		});
		if (predicted.length > 0) {
			predictionsFile = await writeImportedPredictions(dir, predicted);
			predictions = predicted.length;
		}
	} finally {
		await dataset.close();
	}

	return {
		rows: matching.rows,
		skippedLines: problems.length,
		problems: problems.map(describeProblem),
		passedOver,
		matching: {...matching, unmatched: [...matching.unmatched, ...applied.gone]},
		decided: applied.decided,
		unchanged: applied.unchanged,
		replaced: applied.replaced,
		conflicts: applied.conflicts,
		unknownLabels: plan.unknown,
		addedClasses: saved ? plan.added : plan.classes,
		predictions,
		predictionsFile,
	};
}
