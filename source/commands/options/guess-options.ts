import type {Argv} from 'yargs';
import {guessModes} from '../../model/open-guess-source.js';

/** Every --order choice: path and shuffle are saved in the project, the guess orders are per run. */
export const orderChoices = ['path', 'shuffle', 'uncertain', 'confident'] as const;

/**
The label command's guess options, for cli.tsx to add to its label builder:
`addGuessOptions(command)`, then pass `guess`, `predictions`, `model` to runLabel, and use
`orderChoices` for --order.
*/
export const addGuessOptions = <T>(command: Argv<T>) =>
	command
		.option('guess', {
			choices: guessModes,
			describe:
				'guess source: learn (default: learns from your decisions; the built-in score until then for photo/screenshot), builtin, off',
		})
		.option('predictions', {
			type: 'string',
			describe:
				'show your own predictions: CSV path,label[,confidence], JSONL, or a SageMaker Ground Truth manifest',
		})
		.option('model', {
			type: 'string',
			describe:
				'your own ONNX classifier with a sidecar JSON (needs the optional onnxruntime-node)',
		});

/** The `guess` command's options, for cli.tsx: `.command('guess <dir>', …, guessOptions, …)`. */
export const guessOptions = (command: Argv) =>
	command
		.positional('dir', {type: 'string', demandOption: true, describe: 'folder of images'})
		.option('json', {
			type: 'boolean',
			default: false,
			describe: 'one JSON object per line: path, guess, confidence, source',
		})
		.option('classes', {
			type: 'string',
			describe: "comma-separated classes (default: the project's, else photo,screenshot)",
		})
		.option('guess', {
			choices: guessModes,
			describe: 'guess source: builtin (photo vs screenshot), learn (from your labels), off',
		})
		.option('predictions', {
			type: 'string',
			describe: 'your own predictions: CSV path,label[,confidence], JSONL or a SageMaker manifest',
		})
		.option('model', {
			type: 'string',
			describe: 'your own ONNX classifier (needs onnxruntime-node and a sidecar JSON)',
		})
		.option('user', {type: 'string', describe: 'whose decisions the learner learns from'});
