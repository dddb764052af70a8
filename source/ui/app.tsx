import {Box} from 'ink';
import type {LabelController} from '../session/screen-contract.js';
import {DoneView} from './done-view.js';
import {HelpScreen} from './help.js';
import {ImageArea} from './image-area.js';
import {gutterWidth, layoutFor, noImageBox, sidePanelWidth} from './layout.js';
import {SidePanel} from './side-panel.js';
import {TooSmall} from './too-small.js';
import {useImageBoxReport} from './use-image-box-report.js';
import {useLabelInput} from './use-label-input.js';
import {useLabelSnapshot} from './use-label-snapshot.js';
import {useTerminalSize} from './use-terminal-size.js';

export type LabelAppProps = {
	readonly controller: LabelController;
	/** How images are drawn and why (the renderer choice), shown in help. */
	readonly renderInfo?: string | undefined;
};

/**
The labeling screen: image area on the left, side panel on the right. It renders snapshots and
forwards keys; the controller does all I/O and paints the image into the reserved area.
*/
export function LabelApp({controller, renderInfo}: LabelAppProps) {
	const snapshot = useLabelSnapshot(controller);
	const terminal = useTerminalSize();
	const layout = layoutFor(terminal);
	const screen = useLabelInput({
		controller,
		classCount: snapshot.classes.length,
		canLabel: layout.kind === 'full',
	});

	const view =
		layout.kind === 'too-small'
			? 'too-small'
			: screen.helpOpen
				? 'help'
				: snapshot.phase === 'done'
					? 'done'
					: 'labeling';
	const paintable = layout.kind === 'full' && view === 'labeling';
	useImageBoxReport(
		controller,
		paintable ? layout.imageArea : noImageBox,
		layout.kind === 'full' ? layout.imageOrigin : {top: 0, left: 0},
		terminal.resizes,
	);

	if (layout.kind === 'too-small') {
		return <TooSmall terminal={terminal} height={layout.frameRows} />;
	}

	if (view === 'help') {
		return (
			<HelpScreen
				classes={snapshot.classes}
				width={terminal.columns}
				height={layout.frameRows}
				renderInfo={renderInfo}
			/>
		);
	}

	return (
		<Box width={terminal.columns} height={layout.frameRows} overflow="hidden">
			{view === 'done' ? (
				<DoneView progress={snapshot.progress} area={layout.imageArea} />
			) : (
				<ImageArea image={snapshot.image} phase={snapshot.phase} area={layout.imageArea} />
			)}
			<Box width={gutterWidth} flexShrink={0} />
			<SidePanel snapshot={snapshot} width={sidePanelWidth} height={layout.frameRows} />
		</Box>
	);
}
