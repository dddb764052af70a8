import {exportFormats} from '../formats/format-names.js';
import type {CommandRegistration} from './command.js';

export const exportCommand: CommandRegistration = (cli, choose) =>
	cli.command(
		'export <dir>',
		'write the decisions in another format (ImageFolder, HF, Ground Truth, CSV, JSONL, Label Studio, Prodigy, FiftyOne) without moving images',
		(command) =>
			choose(
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
						describe: 'replace an existing target (the old one is kept aside)',
					})
					.option('symlink', {type: 'boolean', describe: 'imagefolder/hf/fiftyone: symlinks'})
					.option('copy', {type: 'boolean', describe: 'imagefolder/hf/fiftyone: copies'})
					.conflicts('symlink', 'copy')
					.option('attribute', {
						type: 'string',
						default: 'label',
						describe: 'gt: the label attribute',
					})
					.option('job-name', {
						type: 'string',
						default: 'imgsift',
						describe: 'gt: the job name; prodigy: the dataset name',
					})
					.option('overlap', {
						type: 'number',
						describe: 'team overlap mode: votes per image, for the consensus (as for status)',
					})
					.option('input-manifest', {
						type: 'string',
						describe:
							'gt: an input manifest whose lines and keys the output keeps, in order (chaining)',
					}),
				async (argv) =>
					(await import('../app/export.js')).runExport({
						dir: argv.dir,
						format: argv.format,
						to: argv.to,
						force: argv.force,
						link: argv.symlink ? 'symlink' : argv.copy ? 'copy' : 'hardlink',
						attribute: argv.attribute,
						jobName: argv.jobName,
						inputManifest: argv.inputManifest,
						overlap: argv.overlap,
					}),
			),
	);
