/**
Grid page paint time in a real pty: Enter to the next page fully written (every cell's thumbnail
on screen), with the next two pages prepared while the person looks. Blocks truecolor and kitty,
140×45 (6×4 cells).
*/
import {gridLayoutFor} from '../source/render/grid-layout.js';
import {ensureBenchImages} from './generate.js';
import {clearLabels} from './label-latency.js';
import {driveLabel, endsOverlay} from './pty-driver.js';
import {type Summary, summarize} from './stats.js';

const terminal = {columns: 140, rows: 45};
const saveCursor = '\u001B7';
const restoreCursor = '\u001B8';
const mark = /\p{M}/gu;
const move = /\u001B\[(\d+);(\d+)H/g;

/** The overlay writes in `output`, newest last: what lies between a cursor save and restore. */
function overlays(output: string): string[] {
	const found: string[] = [];
	let from = 0;
	for (;;) {
		const start = output.indexOf(saveCursor, from);
		const end = start === -1 ? -1 : output.indexOf(restoreCursor, start);
		if (end === -1) {
			return found;
		}

		found.push(output.slice(start + saveCursor.length, end));
		from = end + restoreCursor.length;
	}
}

/**
Screen rows (of `wanted`) an overlay write puts text on: row → [column, per cell whether it shows
something].
A cell shows something when it holds a glyph, or a space on a background colour (a flat area).
*/
function rowsOf(overlay: string, wanted: ReadonlySet<number>): Map<number, [number, boolean[]]> {
	const rows = new Map<number, [number, boolean[]]>();
	const moves = [...overlay.matchAll(move)];
	for (const [index, found] of moves.entries()) {
		// Only the rows looked at: splitting every row of a blocks page costs tens of ms.
		if (!wanted.has(Number(found[1]) - 1)) continue;
		const start = (found.index ?? 0) + found[0].length;
		const end = moves[index + 1]?.index ?? overlay.length;
		const cells: boolean[] = [];
		let background = false;
		for (const piece of overlay.slice(start, end).split(/(\u001B\[[0-9;:]*m)/)) {
			if (piece.startsWith('\u001B[')) {
				const parameters = piece.slice(2, -1).split(';');
				background =
					parameters.includes('48') ||
					(background && !['', '0', '49'].includes(parameters[0] ?? ''));
				continue;
			}

			for (const character of Array.from(piece.replace(mark, ''))) {
				cells.push(character !== ' ' || background);
			}
		}

		rows.set(Number(found[1]) - 1, [Number(found[2]) - 1, cells]);
	}

	return rows;
}

/** Cells of a page at the bench's terminal size. */
function gridCellCount(): number {
	const layout = gridLayoutFor(terminal);
	return layout.kind === 'grid' ? layout.cells.length : 0;
}

/** True when an overlay write shows a picture in the middle of every cell of the layout. */
export function pageFullyWritten(overlay: string, cells: number): boolean {
	const layout = gridLayoutFor(terminal);
	if (layout.kind !== 'grid') {
		return false;
	}

	const middle = ({image}: (typeof layout.cells)[number]) => image.top + Math.floor(image.rows / 2);
	const page = layout.cells.slice(0, cells);
	const rows = rowsOf(overlay, new Set(page.map(middle)));
	return page.every((cell) => {
		const {image} = cell;
		const [column, cells] = rows.get(middle(cell)) ?? [0, []];
		return cells[image.left + Math.floor(image.columns / 2) - column] === true;
	});
}

export type GridPaintFigures = {
	readonly render: string;
	readonly pages: number;
	readonly paint: Summary;
	/** CPU time of the labeling process from Enter to the page written: independent of load. */
	readonly cpu: Summary;
	/** The same, of its main thread only (journal, page choice, Ink, paint; no guessing ahead). */
	readonly mainCpu: Summary;
	/** Enter to the page's header on screen: long when the page waited for guesses. */
	readonly header: Summary;
	/** Pages that opened with fewer cells than fit (guesses not ready), the last page left out. */
	readonly partFull: number;
};

async function measure(
	dir: string,
	render: string,
	pages: number,
	paceMs: number,
): Promise<GridPaintFigures> {
	await clearLabels(dir);
	const driven = driveLabel(
		dir,
		[
			'--classes',
			'photo,screenshot',
			'--guess',
			'builtin',
			'--view',
			'grid',
			'--no-commit-on-exit',
		],
		{},
		{...terminal, render},
	);
	const header = (page: number) => new RegExp(`page ${page} · guess: [^·]+ · (\\d+) images?`);
	// Fully written: every cell the header counts shows its thumbnail (a last page may be short).
	// Run only on chunks that end an overlay (a blocks page is ~140 KB in ~40 chunks), and then
	// only the overlays finished since the last look are parsed. Parsing all of the output on each
	// chunk cost the bench 16-150 ms of CPU per blocks page, on the same 2 cores, inside the
	// measured time; even one search of it per chunk flattens the whole string each time.
	const complete = (page: number) => {
		let found: RegExpExecArray | null = null;
		let from = 0;
		return (output: string) => {
			found ??= header(page).exec(output);
			const start = Math.max(from, found?.index ?? 0);
			const last = output.lastIndexOf(restoreCursor);
			if (found === null || last < start) {
				return false;
			}

			const cells = Number(found[1]);
			const end = last + restoreCursor.length;
			from = end;
			return overlays(output.slice(start, end)).some((overlay) => pageFullyWritten(overlay, cells));
		};
	};

	await driven.until(complete(1), 120_000, endsOverlay);
	const pageSize = gridCellCount();
	const times: number[] = [];
	const cpu: number[] = [];
	const mainCpu: number[] = [];
	const headers: number[] = [];
	let partFull = 0;
	let counted = 0;
	const headerShown = (page: number) => (output: string) => {
		const found = header(page).exec(output);
		counted = Number(found?.[1] ?? 0);
		return found !== null;
	};
	for (let page = 2; page <= pages + 1; page++) {
		await new Promise((resolve) => {
			setTimeout(resolve, paceMs);
		});
		driven.mark();
		const cpuBefore = driven.cpuMs() ?? 0;
		const mainBefore = driven.cpuMs('main-thread') ?? 0;
		const pressed = performance.now();
		driven.write('\r');
		headers.push((await driven.until(headerShown(page), 60_000)) - pressed);
		if (counted < pageSize && page <= pages) partFull++;
		times.push((await driven.until(complete(page), 60_000, endsOverlay)) - pressed);
		cpu.push((driven.cpuMs() ?? 0) - cpuBefore);
		mainCpu.push((driven.cpuMs('main-thread') ?? 0) - mainBefore);
	}

	await driven.quit();
	await clearLabels(dir);
	return {
		render,
		pages,
		paint: summarize(times),
		cpu: summarize(cpu),
		mainCpu: summarize(mainCpu),
		header: summarize(headers),
		partFull,
	};
}

/**
A person looks at a page for 4 s before Enter (about 20 cells in the cost model of grid-sim.ts: a look
per cell, one read, one page, two keys); the next pages are prepared meanwhile.
*/
const lookMs = 4000;

export async function runGridPaintBench(
	options: {quick?: boolean} = {},
): Promise<GridPaintFigures[]> {
	const pages = options.quick ? 6 : 20;
	const images = await ensureBenchImages({count: (pages + 4) * 20 * 2, seed: 14, poolSize: 200});
	const figures: GridPaintFigures[] = [];
	for (const render of ['blocks', 'kitty']) {
		figures.push(await measure(images.dir, render, pages, lookMs));
	}

	return figures;
}
