import {Box, Text} from 'ink';
import type {HygieneStatus} from '../../session/screen-contract.js';
import {escapeControl} from '../../shared/escape.js';
import {keysFor} from '../key-labels.js';

export type HygienePanelProps = {readonly hygiene: HygieneStatus | undefined};

/** The lines the panel shows, so layout code can count them. */
export function hygieneLines(hygiene: HygieneStatus | undefined): string[] {
	if (!hygiene) {
		return [];
	}

	const lines: string[] = [];
	if (hygiene.copies > 1) {
		lines.push(`${hygiene.copies} copies: one decision labels them all`);
	}

	const {near, lastBroken} = hygiene;
	if (near) {
		lines.push(
			`near copy of ${escapeControl(near.path)} (decided: ${escapeControl(near.label)}, d=${near.distance})`,
			`${keysFor('accept-near')} gives it that label`,
		);
	}

	if (hygiene.broken > 0) {
		const last = lastBroken
			? `; skipped ${escapeControl(lastBroken.path)}: ${escapeControl(lastBroken.reason)}`
			: '';
		lines.push(`${hygiene.broken} broken set aside${last}`);
	}

	return lines;
}

/** Exact and near copies of the image on screen, and broken files set aside by the checks. */
export function HygienePanel({hygiene}: HygienePanelProps) {
	const lines = hygieneLines(hygiene);
	if (lines.length === 0) {
		return undefined;
	}

	return (
		<Box flexDirection="column">
			{lines.map((line) => (
				<Text key={line}>{line}</Text>
			))}
		</Box>
	);
}
