#!/usr/bin/env node
import process from 'node:process';
import yargs, {type Argv} from 'yargs';
import {hideBin} from 'yargs/helpers';
import {checkCommandBuilder} from './source/commands/check-options.js';
import {doctorOptions} from './source/commands/doctor-options.js';
import {exportBuilder, exportHandler} from './source/commands/export.js';
import {importBuilder, importHandler} from './source/commands/import.js';
import {addGuessOptions, guessOptions, orderChoices} from './source/commands/label-options.js';
import {ignoreClosedStdout} from './source/commands/output.js';
import {addRenderOptions} from './source/commands/render-options.js';
import {isUserError} from './source/store/user-error.js';

// React reads NODE_ENV when it loads (lazily, with the label command): without it, its development
// build checks every render, which cost about 1.3 s of main thread in a profile of a 100k resume.
process.env['NODE_ENV'] ??= 'production';
ignoreClosedStdout();

// Exit codes: 0 ok, 1 a user error with a one-line message, 2 a usage error.
// Commands load their modules only when chosen: Ink alone takes ~0.4 s to import, which `status`,
// `commit` and `--help` need not pay.
const exitUserError = 1;
const exitUsage = 2;

const labelOptions = (command: Argv) =>
	addGuessOptions(addRenderOptions(command))
		.positional('dir', {type: 'string', demandOption: true, describe: 'folder of images to label'})
		.option('classes', {
			type: 'string',
			describe: 'comma-separated class names; keys 1..9 follow this order (saved on first run)',
		})
		.option('out', {type: 'string', describe: 'where class folders go (default <dir>/labeled)'})
		.option('user', {
			type: 'string',
			describe: 'whose journal to write (default: the project user)',
		})
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
		});

async function main(): Promise<void> {
	await yargs(hideBin(process.argv))
		.scriptName('imgsift')
		.usage('imgsift: label images fast in the terminal, one key per image.')
		.command(
			['label <dir>', '$0 <dir>'],
			'label the images in <dir> (the default command)',
			labelOptions,
			async (argv) =>
				(await import('./source/commands/label.js')).runLabel({
					dir: argv.dir,
					classes: argv.classes,
					out: argv.out,
					user: argv.user,
					order: argv.order,
					seed: argv.seed,
					commitOnExit: argv.commitOnExit,
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
		)
		.command(
			'commit <dir>',
			'move every decided, not yet moved file into its class folder',
			(command) =>
				command
					.positional('dir', {type: 'string', demandOption: true})
					.option('user', {type: 'string', describe: 'whose journal to commit'}),
			async (argv) =>
				(await import('./source/commands/commit.js')).runCommit({dir: argv.dir, user: argv.user}),
		)
		.command(
			'status <dir>',
			'show progress: decided, per class, skipped, committed, pending, labels per hour',
			(command) =>
				command
					.positional('dir', {type: 'string', demandOption: true})
					.option('user', {type: 'string', describe: 'whose journal to read'})
					.option('json', {type: 'boolean', default: false, describe: 'print one JSON document'}),
			async (argv) =>
				(await import('./source/commands/status.js')).runStatus({
					dir: argv.dir,
					user: argv.user,
					json: argv.json,
				}),
		)
		.command(
			'check <dir>',
			'find broken files, exact and near duplicates, and decompression bombs; --quarantine moves broken files aside',
			checkCommandBuilder,
			async (argv) =>
				(await import('./source/commands/check.js')).runCheck({
					dir: argv.dir,
					json: argv.json,
					quarantine: argv.quarantine,
					restoreQuarantine: argv.restoreQuarantine,
					nearDistance: argv.nearDistance,
					maxPixels: argv.maxPixels,
				}),
		)
		.command(
			'guess <dir>',
			"print every image's guess and confidence without labeling (the pre-sorting step)",
			guessOptions,
			async (argv) =>
				(await import('./source/commands/guess.js')).runGuess({
					dir: argv.dir,
					json: argv.json,
					classes: argv.classes,
					guess: argv.guess,
					predictions: argv.predictions,
					model: argv.model,
					user: argv.user,
				}),
		)
		.command(
			'export <dir>',
			'write the decisions in another format (ImageFolder, HF, Ground Truth, CSV, JSONL, Label Studio, Prodigy, FiftyOne) without moving images',
			(command) => exportBuilder(command),
			async (argv) => exportHandler(argv),
		)
		.command(
			'import <file> <dir>',
			'bring labels (as journal records) and predictions from another tool into <dir>',
			(command) => importBuilder(command),
			async (argv) => importHandler(argv),
		)
		.command(
			'doctor',
			'show what this terminal supports and how imgsift will draw images, and why',
			doctorOptions,
			async (argv) =>
				(await import('./source/commands/doctor.js')).runDoctor({
					render: argv.render,
					colors: argv.colors,
					lowBandwidth: argv.lowBandwidth,
					symbols: argv.symbols,
					json: argv.json,
				}),
		)
		.command(
			'demo',
			'copy the bundled sample images into a temporary folder and label them',
			(command) => command,
			async () => (await import('./source/commands/demo.js')).runDemo(),
		)
		.strict()
		.demandCommand(1, 'Give a folder to label: imgsift <dir> --classes photo,screenshot')
		.help()
		.alias('h', 'help')
		.version()
		.fail((message, error) => {
			if (error) {
				throw error;
			}

			process.stderr.write(`imgsift: ${message}\nRun imgsift --help for usage.\n`);
			process.exit(exitUsage);
		})
		.parseAsync();
}

try {
	await main();
} catch (error) {
	if (isUserError(error)) {
		process.stderr.write(`imgsift: ${error.message}\n`);
		process.exitCode = exitUserError;
	} else {
		throw error;
	}
}
