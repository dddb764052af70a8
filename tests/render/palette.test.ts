import assert from 'node:assert/strict';
import test from 'node:test';
import {ansi16Rgb, nearestAnsi16, nearestXterm256} from '../../source/render/palette.js';
import {texturePixels} from '../helpers/image-files.js';

const cubeLevels = [0, 95, 135, 175, 215, 255];

/** RGB of xterm colours 16–255. */
function xtermRgb(index: number): [number, number, number] {
	if (index >= 232) {
		const grey = 8 + (index - 232) * 10;
		return [grey, grey, grey];
	}
	const cube = index - 16;
	return [
		cubeLevels[Math.floor(cube / 36)] ?? 0,
		cubeLevels[Math.floor(cube / 6) % 6] ?? 0,
		cubeLevels[cube % 6] ?? 0,
	];
}

const distance = (a: readonly number[], b: readonly number[]) =>
	a.reduce((sum, value, index) => sum + (value - (b[index] ?? 0)) ** 2, 0);

test('known colours map to their xterm 256 indexes', () => {
	assert.equal(nearestXterm256(255, 0, 0), 196);
	assert.equal(nearestXterm256(0, 0, 0), 16);
	assert.equal(nearestXterm256(255, 255, 255), 231);
	assert.equal(nearestXterm256(95, 135, 175), 67);
	assert.equal(nearestXterm256(128, 128, 128), 244);
	assert.equal(nearestXterm256(10, 10, 10), 232);
	assert.equal(nearestXterm256(238, 238, 238), 255);
});

test('the 256-colour choice is as close as any of the 240 fixed colours (brute force)', () => {
	const samples = texturePixels(2000, 1, 42);
	for (let offset = 0; offset < samples.length; offset += 3) {
		const color = [samples[offset] ?? 0, samples[offset + 1] ?? 0, samples[offset + 2] ?? 0];
		const [r, g, b] = color as [number, number, number];
		let best = Number.POSITIVE_INFINITY;
		for (let index = 16; index < 256; index++)
			best = Math.min(best, distance(color, xtermRgb(index)));
		assert.equal(distance(color, xtermRgb(nearestXterm256(r, g, b))), best, `for ${color}`);
	}
});

test('known colours map to the nearest of the 16 ANSI colours', () => {
	assert.equal(nearestAnsi16(255, 0, 0), 9);
	assert.equal(nearestAnsi16(200, 10, 10), 1);
	assert.equal(nearestAnsi16(0, 0, 0), 0);
	assert.equal(nearestAnsi16(250, 250, 250), 15);
	assert.equal(nearestAnsi16(120, 125, 130), 8);
	assert.equal(nearestAnsi16(0, 0, 230), 4);
	for (const [index, [r, g, b]] of ansi16Rgb.entries()) assert.equal(nearestAnsi16(r, g, b), index);
});
