import assert from 'node:assert/strict';
import test from 'node:test';
import {gridLayoutFor} from '../../source/render/grid-layout.js';
import {copySamples, removeFolder} from '../helpers/dataset.js';
import {startCli} from '../helpers/pty-session.js';

const grid = ['--classes', 'photo,screenshot', '--guess', 'builtin', '--view', 'grid'];
const big = {columns: 140, rows: 45};
const layout = gridLayoutFor(big);

/** Cursor moves followed at once by an image sequence: where each image was placed. */
function placements(output: string, introducer: string): Array<{row: number; column: number}> {
	const found: Array<{row: number; column: number}> = [];
	for (const move of output.matchAll(/\u001B\[(\d+);(\d+)H/g)) {
		if (output.startsWith(introducer, (move.index ?? 0) + move[0].length)) {
			found.push({row: Number(move[1]) - 1, column: Number(move[2]) - 1});
		}
	}

	return found;
}

for (const [render, introducer] of [
	['iterm', '\u001B]1337;File='],
	['sixel', '\u001BP'],
] as const) {
	test(`grid --render ${render}: each cell gets its own image, at its cell, in a real pty`, async (t) => {
		assert.equal(layout.kind, 'grid');
		if (layout.kind !== 'grid') return;
		// The samples hold 20 photo guesses: page 1 fills 20 of the 24 cells.
		const cells = layout.cells.slice(0, 20);
		const dir = await copySamples();
		t.after(async () => removeFolder(dir));
		const cli = startCli(['label', dir, ...grid, '--render', render, '--no-commit-on-exit'], big);
		t.after(() => cli.kill());
		await cli.waitFor((screen) => screen.includes('page 1 · guess: photo · 20 images'), 'page 1');
		// Wait until one paint has placed an image in every cell.
		const inEveryCell = () => {
			const placed = placements(cli.output(), introducer);
			return cells.every(({image}) =>
				placed.some(
					(at) =>
						at.row >= image.top &&
						at.row < image.top + image.rows &&
						at.column >= image.left &&
						at.column < image.left + image.columns,
				),
			);
		};
		await cli.waitFor(() => inEveryCell(), 'an image in every cell');
		const placed = placements(cli.output(), introducer);
		const outside = placed.filter(
			(at) =>
				!cells.some(
					({image}) =>
						at.row >= image.top &&
						at.row < image.top + image.rows &&
						at.column >= image.left &&
						at.column < image.left + image.columns,
				),
		);
		assert.deepEqual(outside, [], 'no image lands outside a cell (captions, header)');
		assert.ok(!cli.output().includes('▀'), 'no half-block stands in for the pictures');
		cli.write('q');
		await cli.exited;
	});
}
