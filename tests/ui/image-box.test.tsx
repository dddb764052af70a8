import assert from 'node:assert/strict';
import test from 'node:test';
import {sidePanelWidth} from '../../source/ui/layout.js';
import {waitForFrame, waitUntil} from '../helpers/ink-wait.js';
import {sampleSnapshot} from '../helpers/label-controller-fixture.js';
import {renderLabelApp} from '../helpers/render-label-app.js';

test('the image box fills the left of a 120x40 terminal and follows resizes', async (t) => {
	const app = await renderLabelApp(sampleSnapshot(), {columns: 120, rows: 40});
	t.after(() => app.unmount());
	assert.deepEqual(app.controller.lastImageBox(), {
		box: {columns: 120 - sidePanelWidth - 1, rows: 39},
		origin: {top: 0, left: 0},
	});
	// The panel starts right after the box and the gutter.
	const legendLine = app
		.frame()
		.split('\n')
		.find((line) => line.includes('photo'));
	assert.equal(legendLine?.indexOf('1'), 120 - sidePanelWidth);

	await app.resize(80, 30);
	assert.deepEqual(app.controller.lastImageBox(), {
		box: {columns: 80 - sidePanelWidth - 1, rows: 29},
		origin: {top: 0, left: 0},
	});

	const reports = app.controller.imageBoxes.length;
	await app.resize(80, 30);
	assert.equal(app.controller.imageBoxes.length, reports + 1, 'a same-size resize re-reports');
});

test('the box is 0x0 while help is open and comes back when it closes', async (t) => {
	const app = await renderLabelApp(sampleSnapshot(), {columns: 120, rows: 40});
	t.after(() => app.unmount());
	app.stdin.write('?');
	await waitUntil('a 0x0 box', () => app.controller.lastImageBox()?.box.columns === 0);
	assert.deepEqual(app.controller.lastImageBox()?.box, {columns: 0, rows: 0});
	assert.match(app.frame(), /imgsift keys/);

	app.stdin.write('\u001B');
	await waitUntil('the box back', () => app.controller.lastImageBox()?.box.columns === 87);
	assert.deepEqual(app.controller.lastImageBox()?.box, {columns: 87, rows: 39});
});

test('no image box on a too-small terminal or in the done view', async (t) => {
	const app = await renderLabelApp(sampleSnapshot(), {columns: 40, rows: 10});
	t.after(() => app.unmount());
	assert.deepEqual(app.controller.lastImageBox()?.box, {columns: 0, rows: 0});

	await app.resize(100, 30);
	assert.deepEqual(app.controller.lastImageBox()?.box, {columns: 67, rows: 29});

	app.controller.push({phase: 'done', item: undefined, image: {status: 'none'}});
	await waitForFrame(app.lastFrame, 'the done view', (frame) => frame.includes('Nothing left'));
	await waitUntil('a 0x0 box', () => app.controller.lastImageBox()?.box.columns === 0);
});
