import type {CommandRegistration} from './command.js';
import {addRenderOptions} from './options/render-options.js';

export const doctorCommand: CommandRegistration = (cli, choose) =>
	cli.command(
		'doctor',
		'show what this terminal supports and how imgsift will draw images, and why',
		(command) =>
			choose(
				addRenderOptions(command).option('json', {
					type: 'boolean',
					default: false,
					describe: 'print one JSON document',
				}),
				async (argv) =>
					(await import('../app/doctor.js')).runDoctor({
						render: argv.render,
						colors: argv.colors,
						lowBandwidth: argv.lowBandwidth,
						symbols: argv.symbols,
						json: argv.json,
					}),
			),
	);
