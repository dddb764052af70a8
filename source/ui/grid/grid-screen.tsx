import {Box, Text} from 'ink';
import type {GridCell} from '../../core/grid/grid-page.js';
import type {GridCellBox, GridLayout} from '../../render/grid-layout.js';
import type {GridSnapshot} from '../../session/grid-contract.js';
import {escapeControl} from '../../shared/escape.js';
import {cellCaption} from './cell-caption.js';

type Grid = Extract<GridLayout, {kind: 'grid'}>;

export type GridScreenProps = {
	readonly snapshot: GridSnapshot;
	readonly layout: Grid;
	readonly width: number;
	readonly height: number;
};

function Caption({cell, width}: {readonly cell: GridCell; readonly width: number}) {
	const text = cellCaption(cell, width);
	if (cell.mark.kind === 'wrong') {
		return (
			<Text color="red" strikethrough wrap="truncate-end">
				{text}
			</Text>
		);
	}

	return cell.mark.kind === 'class' ? (
		<Text color="yellow" wrap="truncate-end">
			{text}
		</Text>
	) : (
		<Text wrap="truncate-end">{text}</Text>
	);
}

/** One cell: an empty box the thumbnail is painted into (beside Ink), then its caption. */
function Cell({
	cell,
	columns,
	rows,
}: {
	readonly cell: GridCell | undefined;
	readonly columns: number;
	readonly rows: number;
}) {
	return (
		<Box flexDirection="column" width={columns} height={rows + 1} flexShrink={0}>
			<Box width={columns} height={rows} alignItems="center" justifyContent="center" flexShrink={0}>
				{cell?.mark.kind === 'wrong' ? <Text dimColor>✗ wrong</Text> : undefined}
			</Box>
			{cell ? <Caption cell={cell} width={columns} /> : <Text> </Text>}
		</Box>
	);
}

/** The layout's cells, one list per row of the grid. */
function rowsOf(layout: Grid): GridCellBox[][] {
	const rows = new Map<number, GridCellBox[]>();
	for (const box of layout.cells) {
		rows.set(box.image.top, [...(rows.get(box.image.top) ?? []), box]);
	}

	return [...rows.values()];
}

/** The grid view: a header, the page's cells row by row, and a footer line. */
export function GridScreen({snapshot, layout, width, height}: GridScreenProps) {
	const first = layout.cells[0];
	const columns = first?.image.columns ?? 0;
	const rows = first?.image.rows ?? 0;
	// The message (why there is no page, a problem) first, then what auto-accept is doing.
	const footerText = [snapshot.message?.text, snapshot.auto].filter(Boolean).join(' · ');
	const footer =
		footerText === ''
			? undefined
			: {kind: snapshot.message?.kind ?? ('info' as const), text: footerText};
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Text wrap="truncate-end">
				<Text bold>{snapshot.header === undefined ? 'grid' : escapeControl(snapshot.header)}</Text>
				<Text dimColor>
					{' '}
					Enter accepts · cell key marks wrong, then 1–9 sets a class · u undo · g single · ? help
				</Text>
			</Text>
			{rowsOf(layout).map((boxes) => (
				<Box
					key={`row-${boxes[0]?.image.top}`}
					flexDirection="row"
					height={rows + 1}
					flexShrink={0}
				>
					{boxes.map((box) => (
						<Box key={`cell-${box.index}`} flexShrink={0}>
							{box.image.left > 0 ? <Box width={1} flexShrink={0} /> : undefined}
							<Cell cell={snapshot.cells[box.index]} columns={columns} rows={rows} />
						</Box>
					))}
				</Box>
			))}
			{footer ? (
				<Text
					{...(footer.kind === 'error' ? {color: 'red'} : {})}
					dimColor={footer.kind === 'info'}
					wrap="truncate-end"
				>
					{escapeControl(footer.text)}
				</Text>
			) : undefined}
		</Box>
	);
}
