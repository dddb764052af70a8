import {Box, Text} from 'ink';
import type {ReactNode} from 'react';
import type {LabelSnapshot} from '../session/screen-contract.js';
import {type PanelSpacing, panelSpacing, pathRowsFor} from './panel-spacing.js';
import {ClassLegend} from './panels/class-legend.js';
import {FileInfo} from './panels/file-info.js';
import {GuessSlot} from './panels/guess-slot.js';
import {HygienePanel, hygieneLines} from './panels/hygiene-panel.js';
import {MessageLine} from './panels/message-line.js';
import {ProgressView} from './panels/progress-view.js';
import {VotesPanel} from './panels/votes-panel.js';

export type SidePanelProps = {
	readonly snapshot: LabelSnapshot;
	readonly width: number;
	readonly height: number;
};

type SectionProps = {title?: string; spacing: PanelSpacing; children: ReactNode};

function Section({title, spacing, children}: SectionProps) {
	return (
		<Box flexDirection="column" flexShrink={0} marginBottom={spacing === 'tight' ? 0 : 1}>
			{title && spacing === 'headings' ? (
				<Text dimColor bold>
					{title}
				</Text>
			) : undefined}
			{children}
		</Box>
	);
}

export function SidePanel({snapshot, width, height}: SidePanelProps) {
	const spacing = panelSpacing(snapshot, width, height);
	const guessedLabel = snapshot.guess.status === 'ready' ? snapshot.guess.label : undefined;
	return (
		<Box flexDirection="column" width={width} height={height} flexShrink={0} overflow="hidden">
			{snapshot.adjudication ? (
				<Section title="votes" spacing={spacing}>
					<VotesPanel adjudication={snapshot.adjudication} />
				</Section>
			) : undefined}
			<Section spacing={spacing}>
				<GuessSlot guess={snapshot.guess} stats={snapshot.guessStats} />
			</Section>
			{hygieneLines(snapshot.hygiene).length > 0 ? (
				<Section spacing={spacing}>
					<HygienePanel hygiene={snapshot.hygiene} />
				</Section>
			) : undefined}
			<Section title="classes" spacing={spacing}>
				<ClassLegend
					classes={snapshot.classes}
					guessedLabel={guessedLabel}
					decidedLabel={snapshot.item?.decidedLabel}
				/>
			</Section>
			<Section title="progress" spacing={spacing}>
				<ProgressView progress={snapshot.progress} rate={snapshot.rate} phase={snapshot.phase} />
			</Section>
			{/* Before the file details, which are clipped first when rows run out. */}
			{snapshot.message ? (
				<Section spacing={spacing}>
					<MessageLine message={snapshot.message} />
				</Section>
			) : undefined}
			<Section title="file" spacing={spacing}>
				<FileInfo item={snapshot.item} width={width} pathRows={pathRowsFor(spacing)} />
			</Section>
		</Box>
	);
}
