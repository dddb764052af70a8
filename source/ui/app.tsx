import {Box, Text} from 'ink';
import {useMemo} from 'react';
import {gridLayoutFor} from '../render/grid-layout.js';
import type {GridScreenController} from '../session/grid-contract.js';
import type {LabelController} from '../session/screen-contract.js';
import {DoneView} from './done-view.js';
import {GridScreen} from './grid/grid-screen.js';
import {useGridSnapshot} from './grid/use-grid-snapshot.js';
import {HelpScreen} from './help.js';
import {ImageArea} from './image-area.js';
import type {LabelView} from './label-screen-state.js';
import {gutterWidth, layoutFor, noImageBox, sidePanelWidth} from './layout.js';
import {SidePanel} from './side-panel.js';
import {TooSmall} from './too-small.js';
import {useLabelInput} from './use-label-input.js';
import {useLabelSnapshot} from './use-label-snapshot.js';
import {useTerminalSize} from './use-terminal-size.js';
import {useViewReport} from './use-view-report.js';

export type LabelAppProps = {
	readonly controller: LabelController;
	/** The grid view (`g`, `--view grid`); absent: the single view only. */
	readonly grid?: GridScreenController | undefined;
	readonly initialView?: LabelView | undefined;
	/** How images are drawn and why (the renderer choice), shown in help. */
	readonly renderInfo?: string | undefined;
};

/**
The labeling screen: image area on the left, side panel on the right; or the grid of a page of
guesses. It renders snapshots and forwards keys; the controllers do all I/O and paint the images
into the reserved areas.
*/
export function LabelApp({controller, grid, initialView, renderInfo}: LabelAppProps) {
	const snapshot = useLabelSnapshot(controller);
	const gridSnapshot = useGridSnapshot(grid);
	const terminal = useTerminalSize();
	const layout = layoutFor(terminal);
	const gridLayout = useMemo(
		() => gridLayoutFor({columns: terminal.columns, rows: terminal.rows}),
		[terminal.columns, terminal.rows],
	);
	const screen = useLabelInput({
		controller,
		grid,
		initialView,
		classCount: snapshot.classes.length,
		canLabel: layout.kind === 'full',
		canGrid: gridLayout.kind === 'grid',
		cellCount: gridSnapshot?.cells.length ?? 0,
	});
	const inGrid = screen.view === 'grid' && gridSnapshot !== undefined;
	const view = screen.helpOpen
		? 'help'
		: inGrid
			? gridLayout.kind === 'grid'
				? 'grid'
				: 'grid-too-small'
			: layout.kind === 'too-small'
				? 'too-small'
				: snapshot.phase === 'done'
					? 'done'
					: 'labeling';
	const noCells = useMemo(() => [], []);
	useViewReport(controller, grid, {
		box: layout.kind === 'full' && view === 'labeling' ? layout.imageArea : noImageBox,
		origin: layout.kind === 'full' ? layout.imageOrigin : {top: 0, left: 0},
		cells: view === 'grid' && gridLayout.kind === 'grid' ? gridLayout.cells : noCells,
		resizes: terminal.resizes,
	});

	if (view === 'help') {
		return (
			<HelpScreen
				classes={snapshot.classes}
				width={terminal.columns}
				height={layout.frameRows}
				renderInfo={renderInfo}
				grid={grid !== undefined}
			/>
		);
	}

	if (view === 'grid' && gridSnapshot && gridLayout.kind === 'grid') {
		return (
			<GridScreen
				snapshot={gridSnapshot}
				layout={gridLayout}
				width={terminal.columns}
				height={layout.frameRows}
			/>
		);
	}

	if (view === 'grid-too-small' && gridLayout.kind === 'too-small') {
		return (
			<Box flexDirection="column" width={terminal.columns} height={layout.frameRows}>
				<Text color="yellow" wrap="truncate-end">
					Terminal too small for the grid: {terminal.columns}×{terminal.rows}
				</Text>
				<Text wrap="truncate-end">
					The grid needs at least {gridLayout.needs.columns}×{gridLayout.needs.rows} (2×2 cells).
				</Text>
				<Text dimColor wrap="truncate-end">
					g: single view · q: quit
				</Text>
			</Box>
		);
	}

	if (layout.kind === 'too-small') {
		return <TooSmall terminal={terminal} height={layout.frameRows} />;
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
