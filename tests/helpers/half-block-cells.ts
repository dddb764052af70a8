/** What a terminal would show in one half-block cell: the colour of its top and bottom halves. */
export interface CellColors {
	readonly top: string;
	readonly bottom: string;
}

/** Colours as comparable strings: 'rgb(r,g,b)', 'idx(n)' (256 or 16 palette index) or 'default'. */
function applySgr(parameters: string, state: {fg: string; bg: string}): void {
	const codes = parameters === '' ? [0] : parameters.split(';').map(Number);
	for (let index = 0; index < codes.length; index++) {
		const code = codes[index] ?? 0;
		if (code === 0) {
			state.fg = 'default';
			state.bg = 'default';
		} else if (code === 38 || code === 48) {
			const mode = codes[index + 1];
			let color: string;
			if (mode === 2) {
				color = `rgb(${codes.slice(index + 2, index + 5).join(',')})`;
				index += 4;
			} else if (mode === 5) {
				color = `idx(${codes[index + 2]})`;
				index += 2;
			} else {
				throw new Error(`Unexpected extended colour mode in SGR "${parameters}"`);
			}
			if (code === 38) state.fg = color;
			else state.bg = color;
		} else if (code === 39) state.fg = 'default';
		else if (code === 49) state.bg = 'default';
		else if (code >= 30 && code <= 37) state.fg = `idx(${code - 30})`;
		else if (code >= 90 && code <= 97) state.fg = `idx(${code - 82})`;
		else if (code >= 40 && code <= 47) state.bg = `idx(${code - 40})`;
		else if (code >= 100 && code <= 107) state.bg = `idx(${code - 92})`;
		else throw new Error(`Unexpected SGR code ${code} in "${parameters}"`);
	}
}

/**
 * Interprets one line of half-block output the way a terminal would, glyph by glyph, so two
 * encoders that group their SGR differently can be compared by what they show.
 */
export function parseHalfBlockLine(line: string): CellColors[] {
	const state = {fg: 'default', bg: 'default'};
	const cells: CellColors[] = [];
	let index = 0;
	while (index < line.length) {
		if (line.startsWith('\u001B[', index)) {
			const end = line.indexOf('m', index);
			if (end === -1) throw new Error(`Unterminated escape sequence at ${index}`);
			applySgr(line.slice(index + 2, end), state);
			index = end + 1;
			continue;
		}
		const glyph = line[index];
		index++;
		if (glyph === '▀') cells.push({top: state.fg, bottom: state.bg});
		else if (glyph === '▄') cells.push({top: state.bg, bottom: state.fg});
		else if (glyph === ' ') cells.push({top: state.bg, bottom: state.bg});
		else if (glyph === '█') cells.push({top: state.fg, bottom: state.fg});
		else throw new Error(`Unexpected character ${JSON.stringify(glyph)} in half-block line`);
	}
	return cells;
}

export function rgbKey(pixels: Uint8Array, offset: number): string {
	return `rgb(${pixels[offset]},${pixels[offset + 1]},${pixels[offset + 2]})`;
}
