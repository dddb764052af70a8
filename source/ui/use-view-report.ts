import {useEffect} from 'react';
import type {GridCellBox} from '../render/grid-layout.js';
import type {GridScreenController} from '../session/grid-contract.js';
import type {CellOrigin, ImageBox, LabelController} from '../session/screen-contract.js';

export type ViewReport = {
	readonly box: ImageBox;
	readonly origin: CellOrigin;
	/** The grid's cells when the grid is on screen, else none. */
	readonly cells: readonly GridCellBox[];
	readonly resizes: number;
};

/**
Tells the controllers where they may paint, after the frame that reserves that space is committed;
again whenever it moves or the terminal is resized (a resize can wipe the images). The view that
leaves stops painting before the one that comes paints, as both share one overlay.
*/
export function useViewReport(
	controller: LabelController,
	grid: GridScreenController | undefined,
	{box, origin, cells, resizes}: ViewReport,
): void {
	const {columns, rows} = box;
	const {top, left} = origin;
	// biome-ignore lint/correctness/useExhaustiveDependencies: a resize must re-report unchanged boxes
	useEffect(() => {
		if (cells.length > 0) {
			controller.setImageBox({columns: 0, rows: 0}, {top: 0, left: 0});
			grid?.setCells(cells);
		} else {
			grid?.setCells([]);
			controller.setImageBox({columns, rows}, {top, left});
		}
	}, [controller, grid, columns, rows, top, left, cells, resizes]);
}
