import {Box, Text} from 'ink';
import type {ImageBox, LabelProgress} from '../session/screen-contract.js';
import {formatCount} from './format.js';
import {keysFor} from './key-labels.js';

export type DoneViewProps = {readonly progress: LabelProgress; readonly area: ImageBox};

export function DoneView({progress, area}: DoneViewProps) {
	const copies = progress.copies ?? 0;
	const broken = progress.broken ?? 0;
	const uncommitted = Math.max(0, progress.decided + copies - progress.committed);
	const asides = [
		copies > 0 ? `${formatCount(copies)} exact ${copies === 1 ? 'copy' : 'copies'} with them` : '',
		broken > 0 ? `${formatCount(broken)} broken set aside` : '',
	].filter((part) => part !== '');
	return (
		<Box width={area.columns} height={area.rows} flexShrink={0} flexDirection="column">
			<Text bold color="green">
				Nothing left to label.
			</Text>
			<Text>
				{formatCount(progress.decided)} of {formatCount(progress.total)} decided
				{asides.length > 0 ? ` (${asides.join(', ')})` : ''}, {formatCount(progress.committed)}{' '}
				committed.
			</Text>
			<Box marginTop={1} flexDirection="column">
				{uncommitted > 0 ? (
					<Text>
						<Text bold>{keysFor('commit')}</Text> moves the {formatCount(uncommitted)} decided files
						into their class folders
					</Text>
				) : undefined}
				<Text>
					<Text bold>{keysFor('undo')}</Text> undoes the last decision
				</Text>
				<Text>
					<Text bold>{keysFor('quit')}</Text> quits
				</Text>
			</Box>
		</Box>
	);
}
