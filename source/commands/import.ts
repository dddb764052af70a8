/** `imgsift import FILE --format F DIR`: its options, and the report of what came in. */
import type {Argv} from 'yargs';
import type {ImportReport} from '../app/import-run.js';
import {escapeControl} from '../core/escape.js';
import {importFormats} from '../formats/format-names.js';

export const importBuilder = (command: Argv) =>
	command
		.positional('file', {
			type: 'string',
			demandOption: true,
			describe: 'the file (or folder) to import',
		})
		.positional('dir', {
			type: 'string',
			demandOption: true,
			describe: 'the folder of images it labels',
		})
		.option('format', {choices: importFormats, demandOption: true, describe: 'the format of FILE'})
		.option('prefer', {
			choices: ['existing', 'import'] as const,
			default: 'existing' as const,
			describe: 'when an item is already decided otherwise: keep it (report) or take the import',
		})
		.option('user', {type: 'string', describe: 'whose journal gets the imported labels'})
		.option('attribute', {
			type: 'string',
			describe: 'gt: the label attribute to read (default: the last)',
		});

type ImportArguments = Awaited<ReturnType<ReturnType<typeof importBuilder>['parseAsync']>>;

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

export async function importHandler(argv: ImportArguments): Promise<void> {
	const {runImportRequest} = await import('../app/import-run.js');
	const report = await runImportRequest({
		file: argv.file,
		format: argv.format,
		dir: argv.dir,
		prefer: argv.prefer,
		user: argv.user,
		attribute: argv.attribute,
	});
	process.stdout.write(formatImportReport(report));
}
