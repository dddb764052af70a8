import {Box, Text} from 'ink';
import type {AdjudicationView} from '../../session/screen-contract.js';
import {escapeControl} from '../../shared/escape.js';

/** Adjudication: who voted what on this image, and the guess they saw. Your key is final. */
export function VotesPanel({adjudication}: {readonly adjudication: AdjudicationView}) {
	return (
		<Box flexDirection="column">
			<Text bold>contested: your key is final</Text>
			{adjudication.votes.map((vote) => (
				<Text key={vote.user} wrap="truncate-end">
					{escapeControl(vote.user)}: {escapeControl(vote.label)}
				</Text>
			))}
			{adjudication.shownGuess ? (
				<Text dimColor wrap="truncate-end">
					guess shown: {escapeControl(adjudication.shownGuess.label)}{' '}
					{Math.round(adjudication.shownGuess.confidence * 100)}%
				</Text>
			) : undefined}
		</Box>
	);
}
