import type {CommandRegistration} from './command.js';
import {addDatasetOptions} from './options/dataset-options.js';
import {addS3Options, s3FlagsOf} from './options/s3-options.js';
import {addDatabaseOption, addOverlapOption} from './options/team-options.js';

export const statusCommand: CommandRegistration = (cli, choose) =>
	cli.command(
		'status <dir>',
		'show progress: decided, per class, skipped, committed, pending, labels per hour',
		(command) =>
			choose(
				addOverlapOption(
					addDatabaseOption(
						addS3Options(addDatasetOptions(command, 'folder of images, or s3://bucket/prefix/')),
					),
					'the team labels in overlap mode, N votes per image (2–9): count settled, pending and contested images',
				)
					.option('json', {
						type: 'boolean',
						default: false,
						describe: 'print one JSON document',
					})
					.option('watch', {
						type: 'boolean',
						describe: 'keep the status on screen, read again every 2 s (q quits)',
					})
					.check((argv) => {
						if (argv.watch === true && argv.json) {
							throw new Error(
								'--watch shows the status on screen and --json prints it once: choose one.',
							);
						}

						return true;
					}),
				async (argv) =>
					(await import('../app/status.js')).runStatus({
						dir: argv.dir,
						user: argv.user,
						json: argv.json,
						overlap: argv.overlap,
						watch: argv.watch,
						db: argv.db,
						s3: s3FlagsOf(argv),
					}),
			),
	);
