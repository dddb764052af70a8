import type {CommandRegistration} from './command.js';
import {addDatasetOptions} from './options/dataset-options.js';

export const statusCommand: CommandRegistration = (cli) =>
	cli.command(
		'status <dir>',
		'show progress: decided, per class, skipped, committed, pending, labels per hour',
		(command) =>
			addDatasetOptions(command).option('json', {
				type: 'boolean',
				default: false,
				describe: 'print one JSON document',
			}),
		async (argv) =>
			(await import('../app/status.js')).runStatus({
				dir: argv.dir,
				user: argv.user,
				json: argv.json,
			}),
	);
