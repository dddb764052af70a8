import assert from 'node:assert/strict';
import test from 'node:test';
import {displayKey, keymap} from '../../source/core/keymap.js';
import {formatKeys} from '../../source/ui/key-labels.js';
import {waitForFrame} from '../helpers/ink-wait.js';
import {sampleSnapshot} from '../helpers/label-controller-fixture.js';
import {renderLabelApp} from '../helpers/render-label-app.js';

test('help lists every keymap binding with its keys and description', async (t) => {
	const app = await renderLabelApp(sampleSnapshot(), {columns: 120, rows: 40});
	t.after(() => app.unmount());
	app.stdin.write('?');
	const frame = await waitForFrame(app.lastFrame, 'help', (text) => text.includes('imgsift keys'));
	const lines = frame.split('\n');
	for (const binding of keymap) {
		const line = lines.find((candidate) => candidate.includes(binding.description));
		assert.ok(line, `help shows the ${binding.action} binding: ${binding.description}`);
		assert.ok(
			line.trimStart().startsWith(formatKeys(binding.keys)),
			`the ${binding.action} line starts with its keys: ${line}`,
		);
	}
});

test('help shows each key by its display name', async (t) => {
	const app = await renderLabelApp(sampleSnapshot(), {columns: 120, rows: 40});
	t.after(() => app.unmount());
	app.stdin.write('?');
	const frame = await waitForFrame(app.lastFrame, 'help', (text) => text.includes('imgsift keys'));
	for (const key of ['enter', 'space', 'backspace', 'ctrl+c', 'u', 's', 'c', 'q', '?']) {
		assert.ok(frame.includes(displayKey(key)), `help mentions ${displayKey(key)}`);
	}

	assert.match(frame, /1–9/);
});

test('help shows the legend of the current classes', async (t) => {
	const app = await renderLabelApp(
		sampleSnapshot({
			classes: [
				{name: 'cat', key: '1', count: 0},
				{name: 'dog', key: '2', count: 0},
				{name: 'neither', key: '3', count: 0},
			],
		}),
	);
	t.after(() => app.unmount());
	app.stdin.write('?');
	const frame = await waitForFrame(app.lastFrame, 'help', (text) => text.includes('imgsift keys'));
	assert.match(frame, /1 cat\s+2 dog\s+3 neither/);
});

test('on the smallest terminal help still says how to close it, within the frame', async (t) => {
	const app = await renderLabelApp(sampleSnapshot(), {columns: 50, rows: 12});
	t.after(() => app.unmount());
	app.stdin.write('?');
	const frame = await waitForFrame(app.lastFrame, 'help', (text) => text.includes('imgsift keys'));
	assert.match(frame, /\? or Esc closes help/);
	assert.ok(frame.split('\n').length <= 11, frame);
});

test('help says how images are drawn and why', async (t) => {
	const app = await renderLabelApp(sampleSnapshot(), {
		renderInfo: 'images: blocks (256): the terminal did not answer the queries',
	});
	t.after(() => app.unmount());
	assert.doesNotMatch(app.frame(), /did not answer/, 'not on the labeling screen');
	app.stdin.write('?');
	const frame = await waitForFrame(app.lastFrame, 'help', (text) => text.includes('imgsift keys'));
	assert.match(frame, /images: blocks \(256\): the terminal did not answer the queries/);
	assert.match(frame, /imgsift doctor/);
});
