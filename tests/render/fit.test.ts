import assert from 'node:assert/strict';
import test from 'node:test';
import {fitToCells} from '../../source/render/fit.js';

const box = {columns: 80, rows: 40};

test('a wide image fills the width', () => {
	assert.deepEqual(fitToCells({imageWidth: 1600, imageHeight: 400}, box), {
		columns: 80,
		rows: 10,
		pixelWidth: 80,
		pixelHeight: 20,
	});
});

test('a tall image fills the height (two pixels per row)', () => {
	assert.deepEqual(fitToCells({imageWidth: 400, imageHeight: 1600}, box), {
		columns: 20,
		rows: 40,
		pixelWidth: 20,
		pixelHeight: 80,
	});
});

test('a square image is as many columns as pixel rows, i.e. half as many cell rows', () => {
	assert.deepEqual(fitToCells({imageWidth: 1000, imageHeight: 1000}, box), {
		columns: 80,
		rows: 40,
		pixelWidth: 80,
		pixelHeight: 80,
	});
	assert.deepEqual(fitToCells({imageWidth: 1000, imageHeight: 1000}, {columns: 100, rows: 10}), {
		columns: 20,
		rows: 10,
		pixelWidth: 20,
		pixelHeight: 20,
	});
});

test('a small image is scaled up; an odd pixel height still needs a whole cell row', () => {
	assert.deepEqual(fitToCells({imageWidth: 10, imageHeight: 5}, box), {
		columns: 80,
		rows: 20,
		pixelWidth: 80,
		pixelHeight: 40,
	});
	assert.deepEqual(fitToCells({imageWidth: 3, imageHeight: 1}, {columns: 3, rows: 1}), {
		columns: 3,
		rows: 1,
		pixelWidth: 3,
		pixelHeight: 1,
	});
});

test('for any size: fits the box, touches one side, keeps the aspect ratio within rounding', () => {
	for (let imageWidth = 1; imageWidth < 5000; imageWidth += 317) {
		for (let imageHeight = 1; imageHeight < 5000; imageHeight += 293) {
			const fit = fitToCells({imageWidth, imageHeight}, {columns: 57, rows: 23});
			assert.ok(fit.columns <= 57 && fit.rows <= 23 && fit.pixelHeight <= 46);
			assert.ok(fit.pixelWidth === 57 || fit.pixelHeight === 46);
			const scale = Math.min(57 / imageWidth, 46 / imageHeight);
			assert.ok(Math.abs(fit.pixelWidth - imageWidth * scale) <= 1);
			assert.ok(Math.abs(fit.pixelHeight - imageHeight * scale) <= 1);
		}
	}
});

test('an empty box or image is refused', () => {
	assert.throws(
		() => fitToCells({imageWidth: 0, imageHeight: 10}, box),
		/imageWidth must be at least 1/,
	);
	assert.throws(
		() => fitToCells({imageWidth: 10, imageHeight: 10}, {columns: 80, rows: 0}),
		/rows must be at least 1/,
	);
});
