import type {ColorMode} from './types.js';

/**
 * Maps pixels to colour keys (equal keys look identical on screen) and keys to SGR parameters.
 * Key -1 stands for the terminal's default colour (used below an odd last pixel row).
 */
export interface Palette {
	key(red: number, green: number, blue: number): number;
	foreground(key: number): string;
	background(key: number): string;
}

export const defaultColorKey = -1;

const cubeLevels = [0, 95, 135, 175, 215, 255] as const;

/** Index of the nearest xterm cube level (0, 95, 135, 175, 215, 255) for one channel. */
export function nearestCubeLevel(value: number): number {
	if (value < 48) return 0;
	if (value < 115) return 1;
	return Math.floor((value - 35) / 40);
}

function cubeLevel(index: number): number {
	return cubeLevels[index] ?? 0;
}

/** Nearest of the 240 fixed xterm colours: the 6×6×6 cube (16–231) or the grey ramp (232–255). */
export function nearestXterm256(red: number, green: number, blue: number): number {
	const r = nearestCubeLevel(red);
	const g = nearestCubeLevel(green);
	const b = nearestCubeLevel(blue);
	const cubeDistance =
		(red - cubeLevel(r)) ** 2 + (green - cubeLevel(g)) ** 2 + (blue - cubeLevel(b)) ** 2;
	// The grey closest to a colour in RGB distance is the one closest to its channel mean.
	const step = Math.min(23, Math.max(0, Math.round(((red + green + blue) / 3 - 8) / 10)));
	const grey = 8 + step * 10;
	const greyDistance = (red - grey) ** 2 + (green - grey) ** 2 + (blue - grey) ** 2;
	return greyDistance < cubeDistance ? 232 + step : 16 + 36 * r + 6 * g + b;
}

/** xterm's default values for the 16 ANSI colours; real terminals vary, so this is a best guess. */
export const ansi16Rgb: readonly (readonly [number, number, number])[] = [
	[0, 0, 0],
	[205, 0, 0],
	[0, 205, 0],
	[205, 205, 0],
	[0, 0, 238],
	[205, 0, 205],
	[0, 205, 205],
	[229, 229, 229],
	[127, 127, 127],
	[255, 0, 0],
	[0, 255, 0],
	[255, 255, 0],
	[92, 92, 255],
	[255, 0, 255],
	[0, 255, 255],
	[255, 255, 255],
];

const ansi16Flat = Int16Array.from(ansi16Rgb.flat());

export function nearestAnsi16(red: number, green: number, blue: number): number {
	let best = 0;
	let bestDistance = Number.POSITIVE_INFINITY;
	// A flat typed array: this runs for every pixel, and destructuring tuples costs 2-3× here.
	for (let index = 0; index < 16; index++) {
		const dr = red - (ansi16Flat[index * 3] ?? 0);
		const dg = green - (ansi16Flat[index * 3 + 1] ?? 0);
		const db = blue - (ansi16Flat[index * 3 + 2] ?? 0);
		const distance = dr * dr + dg * dg + db * db;
		if (distance < bestDistance) {
			best = index;
			bestDistance = distance;
		}
	}
	return best;
}

const indexed256 = {
	foreground: Array.from({length: 256}, (_, index) => `38;5;${index}`),
	background: Array.from({length: 256}, (_, index) => `48;5;${index}`),
};

const indexed16 = {
	foreground: Array.from({length: 16}, (_, index) => String(index < 8 ? 30 + index : 82 + index)),
	background: Array.from({length: 16}, (_, index) => String(index < 8 ? 40 + index : 92 + index)),
};

const truecolorPalette: Palette = {
	key: (red, green, blue) => (red << 16) | (green << 8) | blue,
	foreground: (key) =>
		key === defaultColorKey ? '39' : `38;2;${key >> 16};${(key >> 8) & 255};${key & 255}`,
	background: (key) =>
		key === defaultColorKey ? '49' : `48;2;${key >> 16};${(key >> 8) & 255};${key & 255}`,
};

function indexedPalette(
	key: Palette['key'],
	codes: {foreground: string[]; background: string[]},
): Palette {
	return {
		key,
		foreground: (index) => codes.foreground[index] ?? '39',
		background: (index) => codes.background[index] ?? '49',
	};
}

const palettes: Record<ColorMode, Palette> = {
	truecolor: truecolorPalette,
	'256': indexedPalette(nearestXterm256, indexed256),
	'16': indexedPalette(nearestAnsi16, indexed16),
};

export function paletteFor(colors: ColorMode): Palette {
	return palettes[colors];
}
