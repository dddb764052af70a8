import {useEffect} from 'react';
import type {CellOrigin, ImageBox, LabelController} from '../session/screen-contract.js';

/**
Tells the controller where it may paint the image, after the frame that reserves that space is
committed; again whenever the box moves or the terminal is resized (a resize can wipe the image).
*/
export function useImageBoxReport(
	controller: LabelController,
	box: ImageBox,
	origin: CellOrigin,
	resizes: number,
): void {
	const {columns, rows} = box;
	const {top, left} = origin;
	// biome-ignore lint/correctness/useExhaustiveDependencies: a resize must re-report an unchanged box
	useEffect(() => {
		controller.setImageBox({columns, rows}, {top, left});
	}, [controller, columns, rows, top, left, resizes]);
}
