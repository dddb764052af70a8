import {Box, Text} from 'ink';
import {keysFor} from './key-labels.js';
import {minimumTerminal, type TerminalSize} from './layout.js';

export type TooSmallProps = {readonly terminal: TerminalSize; readonly height: number};

export function TooSmall({terminal, height}: TooSmallProps) {
	return (
		<Box flexDirection="column" width={terminal.columns} height={height} overflow="hidden">
			<Text color="yellow" wrap="truncate-end">
				Terminal too small: {terminal.columns}×{terminal.rows}
			</Text>
			<Text wrap="truncate-end">
				Enlarge it to at least {minimumTerminal.columns}×{minimumTerminal.rows} to label.
			</Text>
			<Text dimColor wrap="truncate-end">
				{keysFor('quit')} quits
			</Text>
		</Box>
	);
}
