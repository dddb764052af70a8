import assert from 'node:assert/strict';
import test from 'node:test';
import {sameCells} from '../../source/render/overlay-bytes.js';
import {eraseBytes, overlayBytes} from '../../source/render/painter.js';

const esc = '\u001B';

test('paints each line at its 1-based screen position between cursor save and restore', () => {
	assert.equal(
		overlayBytes({top: 0, left: 0, lines: ['ab', 'cd']}),
		`${esc}7${esc}[1;1Hab${esc}[2;1Hcd${esc}8`,
	);
	assert.equal(
		overlayBytes({top: 4, left: 10, lines: [`${esc}[31mX${esc}[0m`]}),
		`${esc}7${esc}[5;11H${esc}[31mX${esc}[0m${esc}8`,
	);
});

test('no lines still leaves the cursor where it was', () => {
	assert.equal(overlayBytes({top: 3, left: 3, lines: []}), `${esc}7${esc}8`);
});

test('erasing blanks exactly the cells each line covered, colours reset', () => {
	const line = `${esc}[38;2;1;2;3;48;2;4;5;6m▀▀${esc}[48;5;17m ${esc}[0m`;
	assert.equal(
		eraseBytes({top: 1, left: 2, lines: [line, 'ab']}),
		`${esc}7${esc}[2;3H${esc}[0m   ${esc}[3;3H${esc}[0m  ${esc}8`,
	);
});

test('known line widths are used as given, to erase and to compare, instead of measuring', () => {
	const line = `${esc}[48;2;4;5;6m   ${esc}[0m`;
	// Told 5 cells: blanks 5 (a measured line would give 3), so the given figure is what counts.
	assert.equal(
		eraseBytes({top: 0, left: 0, lines: [line], lineWidths: [5]}),
		`${esc}7${esc}[1;1H${esc}[0m     ${esc}8`,
	);
	const measured = {top: 0, left: 0, lines: [line, '']};
	assert.equal(sameCells(measured, {...measured, lineWidths: [3, 0]}), true);
	assert.equal(sameCells(measured, {...measured, lineWidths: [4, 0]}), false);
});
