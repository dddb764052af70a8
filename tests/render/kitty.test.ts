import assert from 'node:assert/strict';
import test from 'node:test';
import xterm from '@xterm/headless';
import {
	kittyChunkSize,
	kittyRenderer,
	kittyTransmit,
	placeholderLines,
} from '../../source/render/kitty.js';
import {kittyDiacritics} from '../../source/render/kitty-diacritics.js';
import {overlayBytes} from '../../source/render/overlay-bytes.js';
import {unwrapTmux, wrapForTmux} from '../../source/render/tmux-passthrough.js';
import type {PixelImage} from '../../source/render/types.js';
import {texturePixels} from '../helpers/image-files.js';
import {decodeKittyImages, parseKittyCommands, unwrapAllTmux} from '../helpers/kitty-decoder.js';

function gradient(width: number, height: number): PixelImage {
	const pixels = new Uint8Array(width * height * 3);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			pixels.set([x * 30, y * 40, (x + y) * 10], (y * width + x) * 3);
		}
	}
	return {pixels, width, height};
}

test('a transmission decodes back to the exact pixels and makes a virtual placement', () => {
	const image = gradient(7, 5);
	const commands = parseKittyCommands(kittyTransmit(image, 3, 4, 2).join(''));
	const first = commands[0];
	assert.equal(first?.keys['a'], 't');
	assert.equal(first?.keys['t'], 'd', 'direct transmission works over ssh');
	assert.equal(first?.keys['q'], '2', 'no replies that would reach stdin');
	const [decoded] = decodeKittyImages(commands);
	assert.deepEqual(
		{id: decoded?.id, width: decoded?.width, height: decoded?.height},
		{id: 3, width: 7, height: 5},
	);
	assert.deepEqual(decoded?.rgb, image.pixels);
	assert.deepEqual(commands.at(-1)?.keys, {a: 'p', U: '1', i: '3', c: '4', r: '2', q: '2'});
});

test('large images go in base64 chunks of at most 4096 bytes, m=1 on all but the last', () => {
	const image = {pixels: texturePixels(120, 90), width: 120, height: 90};
	const commands = parseKittyCommands(kittyTransmit(image, 9, 10, 5).join('')).slice(0, -1);
	assert.ok(commands.length > 3, `${commands.length} chunks`);
	for (const [index, command] of commands.entries()) {
		assert.ok(command.payload.length <= kittyChunkSize);
		assert.equal(command.keys['m'], index === commands.length - 1 ? '0' : '1');
	}
	assert.deepEqual(decodeKittyImages(commands)[0]?.rgb, image.pixels);
});

test('placeholders land in the reserved cells with the image id as colour and row diacritics', async () => {
	const terminal = new xterm.Terminal({cols: 40, rows: 12, allowProposedApi: true});
	const lines = placeholderLines(42, 6, 4);
	await new Promise<void>((resolve) =>
		terminal.write(overlayBytes({top: 3, left: 5, lines}), resolve),
	);
	const buffer = terminal.buffer.active;
	const cell = buffer.getNullCell();
	for (let row = 0; row < 12; row++) {
		for (let column = 0; column < 40; column++) {
			buffer.getLine(row)?.getCell(column, cell);
			const inside = row >= 3 && row < 7 && column >= 5 && column < 11;
			const chars = cell.getChars();
			assert.equal(chars.codePointAt(0) === 0x10_eeee, inside, `cell ${row},${column}`);
			if (!inside) continue;
			assert.equal(cell.isFgPalette() && cell.getFgColor(), 42);
			if (column === 5) {
				const marks = [...chars].slice(1).map((mark) => mark.codePointAt(0));
				assert.deepEqual(marks, [kittyDiacritics[row - 3], kittyDiacritics[0]]);
			}
		}
	}
});

test('inside tmux every command is wrapped for passthrough and unwraps to the plain one', () => {
	const image = gradient(30, 20);
	const box = {columns: 8, rows: 4};
	const plain = kittyRenderer({cell: {width: 10, height: 20}, insideTmux: false});
	const wrapped = kittyRenderer({cell: {width: 10, height: 20}, insideTmux: true});
	const direct = plain.encode(image, box);
	const viaTmux = wrapped.encode(image, box);
	assert.equal(viaTmux.graphic?.transmit.startsWith('\u001BPtmux;'), true);
	assert.equal(unwrapAllTmux(viaTmux.graphic?.transmit ?? ''), direct.graphic?.transmit);
	assert.equal(unwrapTmux(viaTmux.graphic?.erase ?? ''), direct.graphic?.erase);
	assert.deepEqual(viaTmux.lines, direct.lines, 'placeholders are plain text, never wrapped');
	assert.equal(unwrapTmux(wrapForTmux('\u001B_Ga=d\u001B\\')), '\u001B_Ga=d\u001B\\');
});

test('the placement keeps the picture aspect; ids cycle and every frame has its own key', () => {
	const renderer = kittyRenderer({cell: {width: 10, height: 20}, insideTmux: false});
	const box = {columns: 80, rows: 40};
	const size = renderer.cellPixels(box);
	// A 2:1 picture shrunk inside the pixel box, as sharp would.
	const image = gradient(size.width, Math.round(size.width / 2));
	const frame = renderer.encode(image, box);
	assert.equal(frame.columns, 80);
	assert.equal(frame.rows, 20, '80 cells of 10 px by 20 cells of 20 px is 2:1');
	assert.equal(frame.lines.length, 20);
	const keys = new Set<string>();
	const ids = new Set<string>();
	for (let index = 0; index < 300; index++) {
		const {graphic} = renderer.encode(gradient(4, 4), {columns: 2, rows: 1});
		keys.add(graphic?.key ?? '');
		ids.add(parseKittyCommands(graphic?.erase ?? '')[0]?.keys['i'] ?? '');
	}
	assert.equal(keys.size, 300);
	assert.equal(ids.size, 255, 'ids stay within the 255 a 256-colour foreground can name');
	assert.equal(ids.has('0'), false);
});

test('a terminal without kitty graphics swallows transmissions and deletes: no garbage', async () => {
	const renderer = kittyRenderer({cell: {width: 10, height: 20}, insideTmux: false});
	const frame = renderer.encode(gradient(40, 30), {columns: 8, rows: 4});
	const terminal = new xterm.Terminal({cols: 40, rows: 6, allowProposedApi: true});
	await new Promise<void>((resolve) =>
		terminal.write(`ab${frame.graphic?.transmit}${frame.graphic?.erase}cd`, resolve),
	);
	assert.equal(terminal.buffer.active.getLine(0)?.translateToString(true), 'abcd');
});
