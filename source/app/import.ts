/** `imgsift import`: runs the import and prints what came in, what matched, and what did not. */
import {escapeControl} from '../shared/escape.js';
import {type ImportReport, type ImportRequest, runImportRequest} from './import-run.js';

/** At most this many unmatched paths, problems or conflicts are listed; the rest are counted. */
const listLimit = 20;

function list(title: string, lines: readonly string[]): string[] {
	if (lines.length === 0) {
		return [];
	}

	const shown = lines.slice(0, listLimit).map((line) => `  ${escapeControl(line)}`);
	const more = lines.length > listLimit ? [`  … and ${lines.length - listLimit} more`] : [];
	return [`${title} (${lines.length}):`, ...shown, ...more];
}

export function formatImportReport(report: ImportReport): string {
	const {counts, unmatched, refused} = report.matching;
	const lines = [
		`Read ${report.rows} row(s); ${report.skippedLines} line(s) skipped.`,
		`Matched by path ${counts.path}, by file name ${counts.basename}, by content ${counts.hash}; ${unmatched.length} unmatched, ${refused.length} refused.`,
		`Decided ${report.decided}, replaced ${report.replaced}, already the same ${report.unchanged}, conflicts ${report.conflicts.length}.`,
		...Object.entries(report.passedOver).map(
			([reason, count]) => `Passed over: ${count} ${reason}.`,
		),
		...(report.addedClasses.length > 0
			? [`Classes added: ${report.addedClasses.join(', ')}.`]
			: []),
		...(report.predictionsFile
			? [
					`${report.predictions} prediction(s) saved to ${escapeControl(report.predictionsFile)}; show them with --predictions ${escapeControl(report.predictionsFile)}.`,
				]
			: []),
		...list('Skipped lines', report.problems),
		...list('Unmatched', unmatched),
		...list('Refused (outside the dataset folder)', refused),
		...list(
			'Conflicts, kept as decided (--prefer import takes the imported label)',
			report.conflicts.map(
				(conflict) =>
					`${conflict.path}: decided ${conflict.existing}, file says ${conflict.imported}`,
			),
		),
		...list('Labels that are not usable class names (or past nine classes)', report.unknownLabels),
	];
	return `${lines.join('\n')}\n`;
}

export async function runImport(request: ImportRequest): Promise<void> {
	process.stdout.write(formatImportReport(await runImportRequest(request)));
}
