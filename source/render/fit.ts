import type {CellBox} from './types.js';

export interface CellFit {
	readonly columns: number;
	readonly rows: number;
	readonly pixelWidth: number;
	readonly pixelHeight: number;
}

function assertPositive(name: string, value: number): void {
	if (!Number.isFinite(value) || value < 1) {
		throw new RangeError(`fitToCells: ${name} must be at least 1, got ${value}.`);
	}
}

/**
 * The largest half-block image that fits in `box` with the image's aspect ratio. A cell is about
 * twice as tall as wide and holds 1×2 pixels, so those pixels are roughly square. Small images are
 * scaled up to fill the box.
 */
export function fitToCells(
	{imageWidth, imageHeight}: {imageWidth: number; imageHeight: number},
	{columns, rows}: CellBox,
): CellFit {
	assertPositive('imageWidth', imageWidth);
	assertPositive('imageHeight', imageHeight);
	assertPositive('columns', columns);
	assertPositive('rows', rows);
	const boxWidth = Math.floor(columns);
	const boxHeight = Math.floor(rows) * 2;
	const scale = Math.min(boxWidth / imageWidth, boxHeight / imageHeight);
	const pixelWidth = Math.min(boxWidth, Math.max(1, Math.round(imageWidth * scale)));
	const pixelHeight = Math.min(boxHeight, Math.max(1, Math.round(imageHeight * scale)));
	return {columns: pixelWidth, rows: Math.ceil(pixelHeight / 2), pixelWidth, pixelHeight};
}
