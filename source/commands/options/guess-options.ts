import type {Argv} from 'yargs';
import {guessModes} from '../../model/guess-modes.js';

/** Every --order choice: path and shuffle are saved in the project, the guess orders are per run. */
export const orderChoices = ['path', 'shuffle', 'uncertain', 'confident'] as const;

/** Where guesses come from: declared once for `label` and `guess`. */
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
				'your own predictions: CSV path,label[,confidence], JSONL, or a SageMaker Ground Truth manifest',
		})
		.option('model', {
			type: 'string',
			describe:
				'your own ONNX classifier with a sidecar JSON (needs the optional onnxruntime-node)',
		});
