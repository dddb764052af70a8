import {defaultMaxPixels, defaultNearDistance} from '../scan/check-types.js';
import {maxIndexedDistance} from '../scan/hamming-index.js';
import {keepHeapSmall} from '../shared/heap-budget.js';
import type {CommandRegistration} from './command.js';
import {addS3Options, s3FlagsOf} from './options/s3-options.js';

// The handler checks the ranges: a yargs `.check` failure would print a stack.
export const checkCommand: CommandRegistration = (cli, choose) =>
	cli.command(
		'check <dir>',
		'find broken files, exact and near duplicates, and decompression bombs; --quarantine moves broken files aside',
		(command) =>
			choose(
				addS3Options(command)
					.positional('dir', {
						type: 'string',
						demandOption: true,
						describe: 'folder, or s3://bucket/prefix/, to check',
					})
					.option('json', {type: 'boolean', default: false, describe: 'print one JSON document'})
					.option('quarantine', {
						type: 'boolean',
						default: false,
						describe: 'move broken files to <out>/_quarantine/<reason>/ (reversible)',
					})
					.option('restore-quarantine', {
						type: 'boolean',
						default: false,
						describe: 'move every quarantined file back, then stop',
					})
					.option('near-distance', {
						type: 'number',
						default: defaultNearDistance,
						describe: `near duplicates: most pHash bits that may differ before the thumbnail test (0-${maxIndexedDistance})`,
					})
					.option('max-pixels', {
						type: 'number',
						default: defaultMaxPixels,
						describe: 'larger images are reported from their header, never decoded',
					}),
				async (argv) => {
					// Before the check's modules load: their loading alone grew V8's young generation.
					keepHeapSmall();
					return (await import('../app/check.js')).runCheck({
						dir: argv.dir,
						json: argv.json,
						quarantine: argv.quarantine,
						restoreQuarantine: argv.restoreQuarantine,
						nearDistance: argv.nearDistance,
						maxPixels: argv.maxPixels,
						s3: s3FlagsOf(argv),
					});
				},
			),
	);
