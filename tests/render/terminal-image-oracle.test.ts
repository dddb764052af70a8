import assert from 'node:assert/strict';
import test from 'node:test';
import sharp from 'sharp';
import {encodeHalfBlocks} from '../../source/render/half-blocks.js';
import {parseHalfBlockLine} from '../helpers/half-block-cells.js';
import {texturePixels} from '../helpers/image-files.js';

/**
 * terminal-image decodes and draws the same pixels its own way (jimp, '▄', one SGR pair per cell).
 * Under `node --test` stdout is a pipe, so chalk would emit no colour: force truecolor first.
 */
async function terminalImageLines(png: Buffer, width: number, height: number): Promise<string[]> {
	const {default: chalk} = await import('chalk');
	chalk.level = 3;
	const {default: terminalImage} = await import('terminal-image');
	const output = await terminalImage.buffer(png, {
		width,
		height: height / 2,
		preferNativeRender: false,
	});
	return output.split('\n');
}

test('our truecolor cells match terminal-image cell for cell', async () => {
	// Under 80 columns: terminal-image shrinks anything wider than the (absent) terminal.
	const width = 24;
	const height = 16;
	const pixels = texturePixels(width, height, 99);
	// Besides noise: a flat band and a band of three colours, so our spaces, merged runs and
	// flipped '▄' cells are compared too.
	pixels.fill(200, 0, width * 3 * 4);
	const threeColors = [0, 128, 255];
	for (let offset = width * 3 * 4; offset < width * 3 * 10; offset += 3) {
		const color = threeColors[(pixels[offset] ?? 0) % 3] ?? 0;
		pixels.set([color, 255 - color, color], offset);
	}
	const png = await sharp(pixels, {raw: {width, height, channels: 3}})
		.png()
		.toBuffer();

	const theirs = (await terminalImageLines(png, width, height)).map(parseHalfBlockLine);
	const ours = encodeHalfBlocks({pixels, width, height}, {colors: 'truecolor'}).map(
		parseHalfBlockLine,
	);

	assert.equal(theirs.length, height / 2);
	assert.ok(
		theirs.flat().every((cell) => cell.top.startsWith('rgb(') && cell.bottom.startsWith('rgb(')),
		'terminal-image emitted truecolor for every cell',
	);
	assert.deepEqual(ours, theirs);
});
