import type {CommandRegistration} from './command.js';
import {addDatasetOptions} from './options/dataset-options.js';

export const statusCommand: CommandRegistration = (cli) =>
	cli.command(
		'status <dir>',
		'show progress: decided, per class, skipped, committed, pending, labels per hour',
		(command) =>
			addDatasetOptions(command)
				.option('json', {
					type: 'boolean',
					default: false,
					describe: 'print one JSON document',
				})
				.option('overlap', {
					type: 'number',
					describe:
						'the team labels in overlap mode, N votes per image (2–9): count settled, pending and contested images',
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

					const overlap = argv.overlap;
					if (
						overlap !== undefined &&
						!(Number.isInteger(overlap) && overlap >= 2 && overlap <= 9)
					) {
						throw new Error(
							`--overlap ${overlap} is not a whole number from 2 to 9: give the number of votes each image gets, for example --overlap 3.`,
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
			}),
	);
