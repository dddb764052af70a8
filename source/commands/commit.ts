import type {CommandRegistration} from './command.js';
import {addDatasetOptions} from './options/dataset-options.js';

export const commitCommand: CommandRegistration = (cli) =>
	cli.command(
		'commit <dir>',
		'move every decided, not yet moved file into its class folder',
		(command) => addDatasetOptions(command),
		async (argv) => (await import('../app/commit.js')).runCommit({dir: argv.dir, user: argv.user}),
	);
