import {Box, Text} from 'ink';
import {assertNever} from '../../core/assert-never.js';
import type {GuessStats, GuessStatus} from '../../session/screen-contract.js';
import {escapeControl} from '../../shared/escape.js';
import {formatPercent} from '../format.js';
import {keysFor} from '../key-labels.js';

export type GuessSlotProps = {readonly guess: GuessStatus; readonly stats?: GuessStats | undefined};

/** "agrees 18/20 · 1.1 keys/image", or undefined before the first decision. */
export function formatGuessStats(stats: GuessStats): string | undefined {
	const parts = [
		stats.compared > 0 ? `agrees ${stats.agreed}/${stats.compared}` : undefined,
		stats.keysPerImage === undefined ? undefined : `${stats.keysPerImage.toFixed(1)} keys/image`,
	].filter((part) => part !== undefined);
	return parts.length > 0 ? parts.join(' · ') : undefined;
}

export function GuessSlot({guess, stats}: GuessSlotProps) {
	const figures = stats ? formatGuessStats(stats) : undefined;
	return (
		<Box flexDirection="column">
			<GuessLine guess={guess} />
			{figures ? (
				<Text dimColor wrap="truncate-end">
					{figures}
				</Text>
			) : undefined}
			{stats?.summary ? (
				<Text dimColor wrap="truncate-end">
					{escapeControl(stats.summary)}
				</Text>
			) : undefined}
		</Box>
	);
}

function GuessLine({guess}: {readonly guess: GuessStatus}) {
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
			return <Text dimColor>guessing… (keys work meanwhile)</Text>;
		}

		case 'unavailable': {
			return <Text dimColor>no guess: {escapeControl(guess.reason)}</Text>;
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
		default: {
			return assertNever(guess);
		}
	}
}
