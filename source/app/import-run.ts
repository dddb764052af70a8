/**
`imgsift import`: labels and predictions from another tool's file into a dataset. Human labels
become decide records (via `import`) in the user's journal, under the dataset lock, so they undo
like any other; predictions go to `.labels/imported-predictions.csv` for `--predictions`.
*/
import {stat} from 'node:fs/promises';
import path from 'node:path';
import {parseClassList} from '../core/class-names.js';
import {decisionOf, type SessionState} from '../core/session-state.js';
import type {ImportedRow} from '../formats/format-types.js';
import {describeProblem, type InputProblem} from '../formats/line-input.js';
import {type ImportFormat, readers} from '../formats/registry.js';
import {createSessionStore} from '../session/session-store.js';
import {UserError} from '../shared/user-error.js';
import {labelsDir} from '../store/paths.js';
import {loadProject, resolveOut, saveProject} from '../store/project-config.js';
import {datasetFolder, openDataset} from './dataset.js';
import {type Matching, matchRows} from './import-match.js';
import {writeImportedPredictions} from './imported-predictions.js';

export type ImportRequest = {
	readonly file: string;
	readonly format: ImportFormat;
	readonly dir: string;
	readonly prefer?: 'import' | 'existing' | undefined;
	readonly user?: string | undefined;
	readonly attribute?: string | undefined;
};

export type Conflict = {
	readonly path: string;
	readonly existing: string;
	readonly imported: string;
};

export type ImportReport = {
	readonly rows: number;
	readonly skippedLines: number;
	readonly problems: readonly string[];
	readonly passedOver: Readonly<Record<string, number>>;
	readonly matching: Omit<Matching, 'matched'>;
	readonly decided: number;
	readonly unchanged: number;
	readonly replaced: number;
	readonly conflicts: readonly Conflict[];
	readonly unknownLabels: readonly string[];
	readonly addedClasses: readonly string[];
	readonly predictions: number;
	readonly predictionsFile: string | undefined;
};

async function readRows(request: ImportRequest) {
	const rows: ImportedRow[] = [];
	const problems: InputProblem[] = [];
	const passedOver: Record<string, number> = {};
	const file = path.resolve(request.file);
	await stat(file).catch((error: unknown) => {
		throw new UserError(`${request.file} does not exist. Give the file to import.`, {cause: error});
	});
	const reader = readers[request.format];
	for await (const row of reader(file, (problem) => problems.push(problem), {
		...(request.attribute ? {attribute: request.attribute} : {}),
		onPassedOver: (reason) => {
			passedOver[reason] = (passedOver[reason] ?? 0) + 1;
		},
	})) {
		rows.push(row);
	}

	return {rows, problems, passedOver};
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
	const dir = await datasetFolder(request.dir);
	const {rows, problems, passedOver} = await readRows(request);
	const saved = await loadProject(dir);
	const ignore = [labelsDir(dir), ...(saved ? [resolveOut(dir, saved)] : [])];
	const {matched, ...matching} = await matchRows(dir, ignore, rows);
	// One row per item: the last one a file gives for it wins, as a later line in a journal would.
	const byPath = new Map(matched.map((entry) => [entry.path, entry.row]));
	// Prediction labels count too: they are classes the model knows, to label with later.
	const labels = [
		...new Set([...byPath.values()].flatMap((row) => [row.human?.label, row.prediction?.label])),
	].filter((label): label is string => label !== undefined);
	const plan = planClasses(saved?.classes ?? [], saved ? labels : labels.sort());
	if (!saved && plan.classes.length === 0) {
		throw new UserError(
			`${request.file} gave no classes imgsift can use for the files in ${dir} (${plan.reason ?? `${matching.unmatched.length} paths unmatched`}), so no project was made. Start the project first with imgsift label ${dir} --classes …, then import.`,
		);
	}

	const dataset = await openDataset(dir, saved ? undefined : {classes: plan.classes}, request.user);
	const report = {decided: 0, unchanged: 0, replaced: 0, conflicts: [] as Conflict[]};
	let predictionsFile: string | undefined;
	let predictions = 0;
	try {
		let store = dataset.store;
		if (saved && plan.added.length > 0) {
			const current = (await loadProject(dir)) ?? saved;
			await saveProject(dir, {...current, classes: plan.classes});
			store = createSessionStore(withClasses(store.getState(), plan.classes), dataset.ledger);
		}

		const time = new Date().toISOString();
		for (const [itemPath, row] of byPath) {
			const human = row.human;
			if (!human || !plan.classes.includes(human.label)) {
				continue;
			}

			const existing = decisionOf(store.getState(), itemPath);
			if (existing?.label === human.label) {
				report.unchanged++;
				continue;
			}

			if (existing && request.prefer !== 'import') {
				report.conflicts.push({path: itemPath, existing: existing.label, imported: human.label});
				continue;
			}

			const facts = await stat(path.join(dir, ...itemPath.split('/')));
			const {label, annotator, confidence, origin} = human;
			const imported = {
				...(annotator ? {annotator} : {}),
				...(confidence === undefined ? {} : {confidence}),
				...(origin ? {origin} : {}),
			};
			const item = {path: itemPath, size: facts.size, mtimeMs: facts.mtimeMs};
			const done = await store.apply({type: 'decide', time, item, label, ms: 0, imported});
			if (done) {
				report[existing ? 'replaced' : 'decided']++;
			}
		}

		const predicted = [...byPath].flatMap(([itemPath, row]) =>
			row.prediction ? [{path: itemPath, ...row.prediction}] : [],
		);
		if (predicted.length > 0) {
			predictionsFile = await writeImportedPredictions(dir, predicted);
			predictions = predicted.length;
		}
	} finally {
		await dataset.close();
	}

	return {
		rows: rows.length,
		skippedLines: problems.length,
		problems: problems.map(describeProblem),
		passedOver,
		matching,
		...report,
		unknownLabels: plan.unknown,
		addedClasses: saved ? plan.added : plan.classes,
		predictions,
		predictionsFile,
	};
}
