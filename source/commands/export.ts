/** `imgsift export DIR --format F`: its options, and printing what was written. */
import type {Argv} from 'yargs';
import {escapeControl} from '../core/escape.js';
import {exportFormats} from '../formats/format-names.js';

export const exportBuilder = (command: Argv) =>
	command
		.positional('dir', {type: 'string', demandOption: true, describe: 'the labeled folder'})
		.option('format', {
			choices: exportFormats,
			demandOption: true,
			describe: 'what to write (see "Export and import" in the README)',
		})
		.option('to', {type: 'string', describe: 'where (default: beside DIR, named DIR-FORMAT)'})
		.option('force', {
			type: 'boolean',
			default: false,
			describe: 'replace an existing target (kept aside)',
		})
		.option('symlink', {
			type: 'boolean',
			default: false,
			describe: 'imagefolder/hf/fiftyone: symlinks',
		})
		.option('copy', {type: 'boolean', describe: 'imagefolder/hf/fiftyone: copies'})
		.option('attribute', {
			type: 'string',
			default: 'label',
			describe: 'gt: the label attribute name',
		})
		.option('job-name', {
			type: 'string',
			default: 'imgsift',
			describe: 'gt job name; prodigy dataset',
		})
		.option('input-manifest', {
			type: 'string',
			describe: 'gt: an input manifest whose lines and keys the output keeps (chaining)',
		})
		.conflicts('symlink', 'copy');

type ExportArguments = Awaited<ReturnType<ReturnType<typeof exportBuilder>['parseAsync']>>;

export async function exportHandler(argv: ExportArguments): Promise<void> {
	const {runExportRequest} = await import('../app/export-run.js');
	const summary = await runExportRequest({
		dir: argv.dir,
		format: argv.format,
		to: argv.to,
		force: argv.force,
		link: argv.symlink ? 'symlink' : argv.copy ? 'copy' : 'hardlink',
		attribute: argv.attribute,
		jobName: argv.jobName,
		inputManifest: argv.inputManifest,
	});
	for (const warning of summary.warnings) {
		process.stderr.write(`imgsift: ${escapeControl(warning)}\n`);
	}

	process.stdout.write(
		`Wrote ${summary.written} labeled item(s) as ${summary.format} to ${escapeControl(summary.target)}\n`,
	);
}
