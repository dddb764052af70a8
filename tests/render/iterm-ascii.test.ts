import assert from 'node:assert/strict';
import test from 'node:test';
import sharp from 'sharp';
import {asciiRenderer, encodeAscii} from '../../source/render/ascii.js';
import {itermRenderer, itermSequence, itermSequenceLimit} from '../../source/render/iterm.js';
import {encodeForRenderer} from '../../source/render/load-frame.js';
import {texturePixels} from '../helpers/image-files.js';

test('iTerm2: an inline JPEG of the shrunk pixels, sized in cells, under 1 MiB', async () => {
	const renderer = itermRenderer({cell: {width: 10, height: 20}});
	const box = {columns: 80, rows: 40};
	const size = renderer.cellPixels(box);
	const image = {
		pixels: texturePixels(size.width, size.height),
		width: size.width,
		height: size.height,
	};
	const frame = await encodeForRenderer(renderer, image, box);
	const match = /^\u001B\]1337;File=([^:]*):([A-Za-z0-9+/=]+)\u0007$/.exec(frame.lines[0] ?? '');
	assert.ok(match, 'one OSC 1337 sequence');
	const args = Object.fromEntries((match[1] ?? '').split(';').map((pair) => pair.split('=')));
	assert.equal(args['inline'], '1');
	assert.equal(args['width'], '80');
	assert.equal(args['height'], '40');
	const jpeg = Buffer.from(match[2] ?? '', 'base64');
	assert.equal(Number(args['size']), jpeg.length);
	const decoded = await sharp(jpeg).metadata();
	assert.deepEqual(
		[decoded.format, decoded.width, decoded.height],
		['jpeg', size.width, size.height],
	);
	assert.ok((frame.lines[0]?.length ?? 0) < itermSequenceLimit, `${frame.bytes} bytes`);
	assert.equal(frame.lines.length, 40);
	assert.equal(frame.opaqueLines, true);
});

test('iTerm2: a sequence over 1 MiB is refused with what to do', () => {
	assert.throws(() => itermSequence(new Uint8Array(800_000), 10, 10), /1 MiB.*--render blocks/);
});

test('ascii: brightness maps onto the ramp, two pixel rows per line, no escape codes', () => {
	const width = 10;
	const pixels = new Uint8Array(width * 4 * 3);
	for (let x = 0; x < width; x++) {
		const level = Math.round((x / (width - 1)) * 255);
		for (let y = 0; y < 4; y++) pixels.fill(level, (y * width + x) * 3, (y * width + x) * 3 + 3);
	}
	const lines = encodeAscii({pixels, width, height: 4});
	assert.deepEqual(lines, [' .:-=+*#%@', ' .:-=+*#%@']);
	const frame = asciiRenderer().encode({pixels, width, height: 3}, {columns: 6, rows: 5});
	assert.deepEqual(frame.lines, [' .:-=+', ' .:-=+']);
	assert.equal(frame.columns, 6);
	assert.ok(frame.lines.every((line) => /^[ -~]*$/.test(line)));
});
