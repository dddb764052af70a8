import {Box, Text} from 'ink';
import {assertNever} from '../core/assert-never.js';
import type {ImageBox, LabelSnapshot} from '../session/screen-contract.js';
import {escapeControl} from '../shared/escape.js';
import {keysFor} from './key-labels.js';

export type ImageAreaProps = Pick<LabelSnapshot, 'image' | 'phase'> & {readonly area: ImageBox};

function StatusText({image, phase}: Pick<LabelSnapshot, 'image' | 'phase'>) {
	switch (image.status) {
		case 'ready': {
			// Left empty: the controller paints the image here after each frame.
			return undefined;
		}

		case 'loading': {
			return <Text dimColor>loading…</Text>;
		}

		case 'none': {
			return phase === 'scanning' ? <Text dimColor>looking for images…</Text> : undefined;
		}

		case 'broken': {
			return (
				<Box flexDirection="column">
					<Text color="red" bold>
						cannot show this image
					</Text>
					<Text>{escapeControl(image.reason)}</Text>
					<Text dimColor>a class key still labels it; {keysFor('skip')} skips it for now</Text>
				</Box>
			);
		}

		case 'gone': {
			return (
				<Box flexDirection="column">
					<Text color="red" bold>
						this file is gone
					</Text>
					<Text>{escapeControl(image.reason)}</Text>
					<Text dimColor>it cannot be labeled; {keysFor('skip')} skips it</Text>
				</Box>
			);
		}
		default: {
			return assertNever(image);
		}
	}
}

/** The reserved rectangle the image is painted into, beside (not inside) Ink's output. */
export function ImageArea({image, phase, area}: ImageAreaProps) {
	return (
		<Box width={area.columns} height={area.rows} flexShrink={0} overflow="hidden">
			<StatusText image={image} phase={phase} />
		</Box>
	);
}
