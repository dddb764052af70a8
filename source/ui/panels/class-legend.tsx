import {Box, Text} from 'ink';
import {displayKey} from '../../core/keymap.js';
import type {ClassEntry} from '../../session/screen-contract.js';
import {escapeControl} from '../../shared/escape.js';
import {formatCount} from '../format.js';

export type ClassLegendProps = {
	readonly classes: ReadonlyArray<ClassEntry>;
	/** The class the guess source proposes, marked so Enter's effect is visible. */
	readonly guessedLabel: string | undefined;
	/** The class the current item already has (shown again after an undo). */
	readonly decidedLabel: string | undefined;
};

export function ClassLegend({classes, guessedLabel, decidedLabel}: ClassLegendProps) {
	return (
		<Box flexDirection="column">
			{classes.map((entry) => {
				const isDecided = entry.name === decidedLabel;
				const isGuessed = entry.name === guessedLabel;
				return (
					<Box key={entry.name}>
						<Box width={3} flexShrink={0}>
							<Text bold>{displayKey(entry.key)}</Text>
						</Box>
						<Box flexGrow={1}>
							<Text
								wrap="truncate-end"
								{...(isGuessed ? {color: 'cyan'} : {})}
								{...(isDecided ? {color: 'green', bold: true} : {})}
							>
								{escapeControl(entry.name)}
								{isDecided ? ' ✓' : ''}
								{isGuessed && !isDecided ? ' ◂' : ''}
							</Text>
						</Box>
						<Box flexShrink={0} marginLeft={1}>
							<Text>{formatCount(entry.count)}</Text>
						</Box>
					</Box>
				);
			})}
		</Box>
	);
}
