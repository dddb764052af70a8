import type {Argv} from 'yargs';
import {colorChoices, renderKinds, symbolChoices} from '../../render/choose.js';

export const renderChoices = ['auto', ...renderKinds] as const;

/**
The label and doctor commands' image options, for cli.tsx: `addRenderOptions(command)`, then pass
`{render, colors, lowBandwidth}` from argv to pickRenderer (label) or runDoctor.
*/
export const addRenderOptions = <T>(command: Argv<T>) =>
	command
		.option('render', {
			choices: renderChoices,
			default: 'auto' as const,
			describe:
				'how to draw images: auto (kitty, then iTerm2, then sixel, then blocks), or one of them; ascii for the dumbest terminals',
		})
		.option('colors', {
			// A string, or yargs reads `--colors 256` as the number 256 and refuses it.
			type: 'string',
			choices: colorChoices,
			default: 'auto' as const,
			describe:
				'colours for blocks: auto (from COLORTERM, TERM and the terminal), truecolor, 256, 16',
		})
		.option('symbols', {
			choices: symbolChoices,
			default: 'half' as const,
			describe:
				'cell symbols for blocks: half (works everywhere), quadrant (2×2 per cell), sextant (2×3, needs a Unicode 13 font)',
		})
		.option('low-bandwidth', {
			type: 'boolean',
			default: false,
			describe: 'cheapest good output for slow links: 256-colour half-blocks',
		});
