import type {CommandRegistration} from './command.js';
import {addDatasetOptions} from './options/dataset-options.js';
import {addGuessOptions} from './options/guess-options.js';

export const guessCommand: CommandRegistration = (cli, choose) =>
	cli.command(
		'guess <dir>',
		"print every image's guess and confidence without labeling (the pre-sorting step)",
		(command) =>
			choose(
				addGuessOptions(addDatasetOptions(command))
					.option('json', {
						type: 'boolean',
						default: false,
						describe: 'one JSON object per line: path, guess, confidence, source',
					})
					.option('classes', {
						type: 'string',
						describe: "comma-separated classes (default: the project's, else photo,screenshot)",
					}),
				async (argv) =>
					(await import('../app/guess.js')).runGuess({
						dir: argv.dir,
						json: argv.json,
						classes: argv.classes,
						guess: argv.guess,
						predictions: argv.predictions,
						model: argv.model,
						user: argv.user,
					}),
			),
	);
