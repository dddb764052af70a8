/**
Splits a (already escaped) path into at most `maxLines` lines of `width` characters. A longer
path loses its middle, so the top folder and the file name both stay visible.
Counts code points, not cell widths: a line of wide characters is cut by the Text that shows it.
*/
export function pathLines(path: string, width: number, maxLines: number): string[] {
	const characters = Array.from(path);
	const budget = Math.max(1, width * maxLines);
	let fitted = characters;
	if (characters.length > budget) {
		const tail = Math.floor((budget - 1) / 2);
		const head = budget - 1 - tail;
		fitted = [...characters.slice(0, head), '…', ...characters.slice(characters.length - tail)];
	}

	const lines: string[] = [];
	for (let start = 0; start < fitted.length; start += width) {
		lines.push(fitted.slice(start, start + width).join(''));
	}

	return lines.length > 0 ? lines : [''];
}
