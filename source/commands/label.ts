import type {CommandRegistration} from './command.js';
import {addDatasetOptions} from './options/dataset-options.js';
import {addGuessOptions, orderChoices} from './options/guess-options.js';
import {addRenderOptions} from './options/render-options.js';
import {addTeamOptions} from './options/team-options.js';

export const labelCommand: CommandRegistration = (cli) =>
	cli.command(
		['label <dir>', '$0 <dir>'],
		'label the images in <dir> (the default command)',
		(command) =>
			addTeamOptions(
				addGuessOptions(addRenderOptions(addDatasetOptions(command, 'folder of images to label'))),
			)
				.option('classes', {
					type: 'string',
					describe: 'comma-separated class names; keys 1..9 follow this order (saved on first run)',
				})
				.option('out', {type: 'string', describe: 'where class folders go (default <dir>/labeled)'})
				.option('order', {
					choices: orderChoices,
					describe:
						'order to show images in: path or shuffle (saved), or uncertain / confident by the guess (this run)',
				})
				.option('seed', {type: 'number', describe: 'seed for --order shuffle'})
				.option('commit-on-exit', {
					type: 'boolean',
					default: true,
					describe: 'move decided files when quitting (--no-commit-on-exit keeps them pending)',
				}),
		async (argv) =>
			(await import('../app/label.js')).runLabel({
				dir: argv.dir,
				classes: argv.classes,
				out: argv.out,
				user: argv.user,
				order: argv.order,
				seed: argv.seed,
				commitOnExit: argv.commitOnExit,
				db: argv.db,
				overlap: argv.overlap,
				guess: argv.guess,
				predictions: argv.predictions,
				model: argv.model,
				render: {
					render: argv.render,
					colors: argv.colors,
					lowBandwidth: argv.lowBandwidth,
					symbols: argv.symbols,
				},
			}),
	);
