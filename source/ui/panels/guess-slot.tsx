import {Box, Text} from 'ink';
import {escapeControl} from '../../core/escape.js';
import {formatPercent} from '../format.js';
import {keysFor} from '../key-labels.js';
import type {GuessStatus} from '../label-controller.js';

export function GuessSlot({guess}: {readonly guess: GuessStatus}) {
	switch (guess.status) {
		case 'off': {
			return (
				<Box flexDirection="column">
					<Text dimColor>no guess source configured</Text>
					{guess.hint ? <Text dimColor>{escapeControl(guess.hint)}</Text> : undefined}
				</Box>
			);
		}

		case 'pending': {
			return <Text dimColor>guessing…</Text>;
		}

		case 'ready': {
			return (
				<Box flexDirection="column">
					<Text wrap="truncate-end">
						guess{' '}
						<Text bold color="cyan">
							{escapeControl(guess.label)}
						</Text>{' '}
						{formatPercent(guess.confidence)}
					</Text>
					<Text dimColor wrap="truncate-end">
						{keysFor('accept-guess')} accepts · {escapeControl(guess.source)}
					</Text>
				</Box>
			);
		}
	}
}
