/**
Pure pieces of the scale bench: how a figure grows from the small set to the large one, and the
table that shows it.
*/
import {formatBytes, formatMs} from './stats.js';

/**
- `total`: a whole-set cost (time, memory) that should grow linearly with the files or better.
- `flat`: a per-action cost (a keypress, the first image) that should not grow with the files.
- `rate`: a throughput (files/s) that should stay flat, so that its total stays linear.
*/
export type GrowthKind = 'total' | 'flat' | 'rate';

export type FigureUnit = 'ms' | 'bytes' | 'per-second';

/** A measured value, or a word that stands for one: `reused`, `failed: …`. */
export type FigureValue = number | string;

export type ScaleRow = {
	readonly figure: string;
	readonly unit: FigureUnit;
	readonly kind: GrowthKind;
	readonly small: FigureValue;
	readonly large: FigureValue;
};

/** Exponents of a power law `cost ∝ files^e` taken as linear, with room for noise on a shared box. */
const linearBelow = 0.85;
const linearAbove = 1.15;
/** A per-action cost counts as flat while it grows less than this. */
const flatUpTo = 1.5;

const ratio = (value: number) =>
	value >= 10 ? value.toFixed(0) : value >= 1 ? value.toFixed(1) : value.toFixed(2);

function scaling(exponent: number): string {
	if (exponent < linearBelow) {
		return 'better than linear';
	}

	return exponent <= linearAbove ? 'linear' : 'worse than linear';
}

/**
How `large` compares with `small` when the files grew by `sizeRatio`, in words:
`×9.6 for ×10 files: linear`, `×1.1: flat`, `files/s ×0.97: linear`.
*/
export function describeGrowth(
	kind: GrowthKind,
	small: FigureValue,
	large: FigureValue,
	sizeRatio: number,
): string {
	if (typeof small !== 'number' || typeof large !== 'number' || !(small > 0) || !(large > 0)) {
		return '-';
	}

	const growth = large / small;
	if (!(sizeRatio > 1)) {
		return `×${ratio(growth)}`;
	}

	const files = `for ×${ratio(sizeRatio)} files`;
	if (kind === 'flat') {
		return `×${ratio(growth)} ${files}: ${growth <= flatUpTo ? 'flat' : 'grows with the files'}`;
	}

	// A rate r means a total time ∝ files / r.
	const exponent =
		kind === 'rate'
			? 1 - Math.log(growth) / Math.log(sizeRatio)
			: Math.log(growth) / Math.log(sizeRatio);
	return `×${ratio(growth)} ${files}: ${scaling(exponent)}`;
}

export function formatFigure(value: FigureValue, unit: FigureUnit): string {
	if (typeof value === 'string') {
		return value;
	}

	switch (unit) {
		case 'ms': {
			return formatMs(value);
		}

		case 'bytes': {
			return formatBytes(value);
		}

		case 'per-second': {
			return `${Math.round(value).toLocaleString('en-US')}/s`;
		}
	}
}

/** Cells wider than their column are shortened so a long failure message keeps the table aligned. */
function cell(text: string, width: number): string {
	return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}

/** The table: one row per figure, both sizes, and how it grew. */
export function formatScaleTable(
	rows: readonly ScaleRow[],
	smallCount: number,
	largeCount: number,
): string {
	const sizeRatio = largeCount / smallCount;
	const figureWidth = Math.max(6, ...rows.map((row) => row.figure.length));
	const valueWidth = 14;
	const header = [
		cell('figure', figureWidth),
		cell(`${smallCount.toLocaleString('en-US')} files`, valueWidth),
		cell(`${largeCount.toLocaleString('en-US')} files`, valueWidth),
		'growth',
	].join('  ');
	const lines = rows.map((row) =>
		[
			cell(row.figure, figureWidth),
			cell(formatFigure(row.small, row.unit), valueWidth),
			cell(formatFigure(row.large, row.unit), valueWidth),
			describeGrowth(row.kind, row.small, row.large, sizeRatio),
		].join('  '),
	);
	return [header, ...lines].map((line) => `  ${line.trimEnd()}`).join('\n');
}

/** The smallest set the scale bench compares against, and the smallest `--scale` it takes. */
export const scaleBaseCount = 10_000;

/** `--scale N` from the bench's arguments: undefined when absent; throws for a bad N. */
export function parseScaleFlag(argv: readonly string[]): number | undefined {
	const at = argv.findIndex((arg) => arg === '--scale' || arg.startsWith('--scale='));
	if (at === -1) {
		return undefined;
	}

	const flag = argv[at] ?? '';
	const text = flag.includes('=') ? flag.slice(flag.indexOf('=') + 1) : argv[at + 1];
	const count = Number(text?.replaceAll('_', ''));
	if (!Number.isSafeInteger(count) || count < scaleBaseCount) {
		throw new Error(
			`--scale takes a whole number of files of at least ${scaleBaseCount.toLocaleString('en-US')}, got ${JSON.stringify(text ?? '')}. Try: npm run bench -- --scale 100000`,
		);
	}

	return count;
}

/** Distinct renders for a set of `count` files: one per 50 files, so near-copy groups keep their size. */
export function scalePoolSize(count: number): number {
	return Math.min(2000, Math.max(200, Math.round(count / 50)));
}
