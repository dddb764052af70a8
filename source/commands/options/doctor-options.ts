import type {Argv} from 'yargs';
import {addRenderOptions} from './render-options.js';

/** The doctor command's options, for cli.tsx: `.command('doctor', '…', doctorOptions, …)`. */
export const doctorOptions = <T>(command: Argv<T>) =>
	addRenderOptions(command).option('json', {
		type: 'boolean',
		default: false,
		describe: 'print one JSON document',
	});
