import {Box, Text} from 'ink';
import {displayKey, keymap} from '../core/keymap.js';
import type {ClassEntry} from '../session/screen-contract.js';
import {escapeControl} from '../shared/escape.js';
import {formatKeys, keysFor} from './key-labels.js';

export type HelpScreenProps = {
	readonly classes: ReadonlyArray<ClassEntry>;
	readonly width: number;
	readonly height: number;
	readonly renderInfo?: string | undefined;
};

const keyColumnWidth = 16;

/** Every binding of the keymap table, so help can never disagree with what the keys do. */
export function HelpScreen({classes, width, height, renderInfo}: HelpScreenProps) {
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			{/* How to leave comes first: on a short terminal the end of help is clipped. */}
			<Text wrap="truncate-end">
				<Text bold>imgsift keys</Text>
				<Text dimColor>
					{'  '}
					{keysFor('help')} or {displayKey('escape')} closes help; {keysFor('quit')} quits
				</Text>
			</Text>
			<Box flexDirection="column" marginTop={1} flexShrink={0}>
				{keymap.map((binding) => (
					<Box key={binding.action} flexShrink={0}>
						<Box width={keyColumnWidth} flexShrink={0}>
							<Text bold color="cyan">
								{formatKeys(binding.keys)}
							</Text>
						</Box>
						<Text>{binding.description}</Text>
					</Box>
				))}
			</Box>
			<Box flexDirection="column" marginTop={1} flexShrink={0}>
				<Text bold>classes</Text>
				<Text>
					{classes
						.map((entry) => `${displayKey(entry.key)} ${escapeControl(entry.name)}`)
						.join('   ')}
				</Text>
			</Box>
			{renderInfo ? (
				<Box marginTop={1} flexShrink={0}>
					<Text dimColor wrap="wrap">
						{escapeControl(renderInfo)} (imgsift doctor tells more)
					</Text>
				</Box>
			) : undefined}
		</Box>
	);
}
