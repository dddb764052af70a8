/** A rectangle of kitty placeholder cells found on a captured screen. */
export type PlaceholderBlock = {
	id: number;
	top: number;
	left: number;
	rows: number;
	columns: number;
};

const placeholder = 0x10_eeee;

/**
 * Finds kitty Unicode placeholder cells in `capture-pane -e` output (one line per screen row) and
 * groups them by image id (their 256-colour foreground) into bounding rectangles, counting cells.
 */
export function placeholderBlocks(pane: string): Array<PlaceholderBlock & {cells: number}> {
	const found = new Map<
		number,
		PlaceholderBlock & {bottom: number; right: number; cells: number}
	>();
	for (const [row, line] of pane.split('\n').entries()) {
		let column = 0;
		let foreground = -1;
		for (const token of line.match(/\u001B\[[0-9;:]*m|[\s\S]/gu) ?? []) {
			if (token.startsWith('\u001B[')) {
				const params = token.slice(2, -1).split(';');
				for (let index = 0; index < params.length; index++) {
					const param = params[index];
					if (param === '0' || param === '' || param === '39') foreground = -1;
					if (param === '38' && params[index + 1] === '5') foreground = Number(params[index + 2]);
				}
				continue;
			}
			if (/\p{M}/u.test(token)) continue;
			if (token.codePointAt(0) === placeholder) {
				const block = found.get(foreground) ?? {
					id: foreground,
					top: row,
					left: column,
					bottom: row,
					right: column,
					rows: 0,
					columns: 0,
					cells: 0,
				};
				block.top = Math.min(block.top, row);
				block.left = Math.min(block.left, column);
				block.bottom = Math.max(block.bottom, row);
				block.right = Math.max(block.right, column);
				block.cells++;
				found.set(foreground, block);
			}
			column++;
		}
	}
	return [...found.values()].map(({bottom, right, ...block}) => ({
		...block,
		rows: bottom - block.top + 1,
		columns: right - block.left + 1,
	}));
}
