import {Box, Text} from 'ink';
import type {LabelItem} from '../../session/screen-contract.js';
import {escapeControl} from '../../shared/escape.js';
import {pathLines} from '../fit-path.js';
import {formatDimensions, formatFileSize} from '../format.js';

export type FileInfoProps = {
	readonly item: LabelItem | undefined;
	readonly width: number;
	/** Lines the path may take before its middle is cut. */
	readonly pathRows: number;
};

export function FileInfo({item, width, pathRows}: FileInfoProps) {
	if (!item) {
		return <Text dimColor>no image</Text>;
	}

	const details = [
		formatDimensions(item.width, item.height),
		item.format ? escapeControl(item.format.toUpperCase()) : undefined,
		formatFileSize(item.size),
	].filter((part) => part !== undefined);
	return (
		<Box flexDirection="column">
			{pathLines(escapeControl(item.path), width, pathRows).map((line, index) => (
				// biome-ignore lint/suspicious/noArrayIndexKey: lines have no identity but their order
				<Text key={index} wrap="truncate-end">
					{line}
				</Text>
			))}
			<Text dimColor wrap="truncate-end">
				{details.join(' · ')}
			</Text>
			{item.decidedLabel === undefined ? undefined : (
				<Text color="green" wrap="truncate-end">
					labeled {escapeControl(item.decidedLabel)}
				</Text>
			)}
		</Box>
	);
}
