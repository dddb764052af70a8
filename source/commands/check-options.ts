import type {Argv} from 'yargs';
import {maxIndexedDistance} from '../scan/hamming-index.js';

// The options live apart from the command so the CLI can describe them without loading sharp.
export const defaultMaxPixels = 100_000_000;
/** pHash bits for a near-duplicate candidate; the thumbnail test then decides (see near-match). */
export const defaultNearDistance = 12;

/**
The yargs options of `imgsift check <dir>`; the handler calls `runCheck`, which checks the ranges
(a yargs `.check` failure would reach cli.tsx's fail handler as an error and print a stack).
*/
export function checkCommandBuilder(command: Argv) {
	return command
		.positional('dir', {type: 'string', demandOption: true, describe: 'folder to check'})
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
		});
}
