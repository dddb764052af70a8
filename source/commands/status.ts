import type {CommandRegistration} from './command.js';
import {addDatasetOptions} from './options/dataset-options.js';
import {addS3Options, s3FlagsOf} from './options/s3-options.js';

export const statusCommand: CommandRegistration = (cli) =>
	cli.command(
		'status <dir>',
		'show progress: decided, per class, skipped, committed, pending, labels per hour',
		(command) =>
			addS3Options(addDatasetOptions(command, 'folder of images, or s3://bucket/prefix/')).option(
				'json',
				{
					type: 'boolean',
					default: false,
					describe: 'print one JSON document',
				},
			),
		async (argv) =>
			(await import('../app/status.js')).runStatus({
				dir: argv.dir,
				user: argv.user,
				json: argv.json,
				s3: s3FlagsOf(argv),
			}),
	);
