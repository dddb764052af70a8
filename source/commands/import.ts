import {importFormats} from '../formats/format-names.js';
import type {CommandRegistration} from './command.js';

export const importCommand: CommandRegistration = (cli, choose) =>
	cli.command(
		'import <file> <dir>',
		'bring labels (as journal records, undoable) and predictions from another tool into <dir>',
		(command) =>
			choose(
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
					.option('format', {
						choices: importFormats,
						demandOption: true,
						describe: 'the format of FILE',
					})
					.option('prefer', {
						choices: ['existing', 'import'] as const,
						default: 'existing' as const,
						describe:
							'an item already decided otherwise: keep it and report (existing), or take the import',
					})
					.option('user', {type: 'string', describe: 'whose journal gets the imported labels'})
					.option('attribute', {
						type: 'string',
						describe: 'gt: the label attribute to read (default: the last one)',
					}),
				async (argv) =>
					(await import('../app/import.js')).runImport({
						file: argv.file,
						format: argv.format,
						dir: argv.dir,
						prefer: argv.prefer,
						user: argv.user,
						attribute: argv.attribute,
					}),
			),
	);
