import type {CommandRegistration} from './command.js';
import {addDatasetOptions} from './options/dataset-options.js';
import {addGuessOptions, orderChoices} from './options/guess-options.js';
import {addRenderOptions} from './options/render-options.js';
import {addS3Options, s3FlagsOf} from './options/s3-options.js';
import {addDatabaseOption, addOverlapOption} from './options/team-options.js';

export const labelCommand: CommandRegistration = (cli, choose) =>
	cli.command(
		['label <dir>', '$0 <dir>'],
		'label the images in <dir> (the default command)',
		(command) =>
			choose(
				addS3Options(
					addOverlapOption(
						addDatabaseOption(
							addGuessOptions(
								addRenderOptions(
									addDatasetOptions(command, 'folder of images, or s3://bucket/prefix/, to label'),
								),
							),
						),
						'team overlap mode: every image is decided by N different people (2–9)',
					),
				)
					.option('classes', {
						type: 'string',
						describe:
							'comma-separated class names; keys 1..9 follow this order (saved on first run)',
					})
					.option('out', {
						type: 'string',
						describe:
							'where class folders go (default <dir>/labeled; for s3:// a prefix, default <prefix>labeled/)',
					})
					.option('order', {
						choices: orderChoices,
						describe:
							'order to show images in: path or shuffle (saved), or uncertain / confident by the guess (this run)',
					})
					.option('seed', {type: 'number', describe: 'seed for --order shuffle'})
					.option('view', {
						choices: ['single', 'grid'] as const,
						default: 'single' as const,
						describe: "start in the single view or the grid of the model's guesses (g switches)",
					})
					.option('auto-accept', {
						type: 'number',
						describe:
							'accept guesses at least this sure (calibrated, e.g. 0.99) without showing them, audited',
					})
					.option('auto-after', {
						type: 'number',
						describe: 'human decisions before --auto-accept starts (default 200)',
					})
					.option('audit', {
						type: 'number',
						describe:
							'share of would-be auto-accepts shown to check: on grid pages, or flagged in the single view (default 0.02)',
					})
					.option('manifest', {
						type: 'string',
						describe:
							'label the images a Ground Truth input manifest lists (source-ref), in its order; export --format gt keeps its keys',
					})
					.option('adjudicate', {
						type: 'boolean',
						describe:
							'show only contested images, with every vote; your key is final (team overlap mode)',
					})
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
						view: argv.view,
						autoAccept: argv.autoAccept,
						autoAfter: argv.autoAfter,
						audit: argv.audit,
						db: argv.db,
						manifest: argv.manifest,
						adjudicate: argv.adjudicate,
						overlap: argv.overlap,
						guess: argv.guess,
						predictions: argv.predictions,
						model: argv.model,
						s3: s3FlagsOf(argv),
						render: {
							render: argv.render,
							colors: argv.colors,
							lowBandwidth: argv.lowBandwidth,
							symbols: argv.symbols,
						},
					}),
			),
	);
