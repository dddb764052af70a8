import {Box, Text} from 'ink';
import type {LabelPhase, LabelSnapshot} from '../../session/screen-contract.js';
import {formatCount, formatDuration, formatPercent, formatRate} from '../format.js';

const phaseNotes: Partial<Record<LabelPhase, string>> = {
	committing: 'committing: moving files…',
	quitting: 'saving and quitting…',
};

export type ProgressViewProps = Pick<LabelSnapshot, 'progress' | 'rate' | 'phase'>;

export function ProgressView({progress, rate, phase}: ProgressViewProps) {
	const {decided, total, skipped, committed, scanDone} = progress;
	const note = phaseNotes[phase];
	return (
		<Box flexDirection="column">
			<Text wrap="truncate-end">
				<Text bold>
					{formatCount(decided)}/{formatCount(total)}
				</Text>{' '}
				decided{' '}
				{scanDone ? (
					<Text dimColor>{formatPercent(total === 0 ? 1 : decided / total)}</Text>
				) : (
					<Text color="yellow">scanning…</Text>
				)}
			</Text>
			<Text dimColor wrap="truncate-end">
				skipped {formatCount(skipped)} · committed {formatCount(committed)}
			</Text>
			<Text wrap="truncate-end">
				{formatRate(rate.perHour)} · ETA {formatDuration(rate.etaMs)}
			</Text>
			{note ? <Text color="yellow">{note}</Text> : undefined}
		</Box>
	);
}
