import assert from 'node:assert/strict';
import test from 'node:test';
import {waitForFrame} from '../helpers/ink-wait.js';
import {sampleSnapshot} from '../helpers/label-controller-fixture.js';
import {renderLabelApp} from '../helpers/render-label-app.js';

test('the legend lists every class with its key and running count', async (t) => {
	const app = await renderLabelApp();
	t.after(() => app.unmount());
	assert.match(app.frame(), /1\s+photo\s+12/);
	assert.match(app.frame(), /2\s+screenshot\s+7/);

	app.controller.push({
		classes: [
			{name: 'photo', key: '1', count: 13},
			{name: 'screenshot', key: '2', count: 7},
		],
	});
	await waitForFrame(app.lastFrame, 'the new count', (frame) => /1\s+photo\s+13/.test(frame));
});

test('progress shows decided/total, scanning, rate and ETA', async (t) => {
	const app = await renderLabelApp(
		sampleSnapshot({
			progress: {decided: 312, total: 1204, skipped: 3, committed: 200, scanDone: false},
			rate: {perHour: 540.4, etaMs: 5_700_000},
			phase: 'scanning',
		}),
	);
	t.after(() => app.unmount());
	const frame = app.frame();
	assert.match(frame, /312\/1,204 decided scanning…/);
	assert.match(frame, /skipped 3 · committed 200/);
	assert.match(frame, /540\/h · ETA 1h 35m/);

	app.controller.push({
		progress: {decided: 1204, total: 1204, skipped: 0, committed: 200, scanDone: true},
		rate: {perHour: undefined, etaMs: undefined},
	});
	const done = await waitForFrame(app.lastFrame, 'a finished scan', (text) =>
		text.includes('1,204/1,204 decided 100%'),
	);
	assert.doesNotMatch(done, /scanning/);
	assert.match(done, /–\/h · ETA –/);
});

test('a path with terminal control characters is shown escaped, never raw', async (t) => {
	const app = await renderLabelApp(
		sampleSnapshot({item: {path: 'a/\u001B[31mred\nb.jpg', size: 512}}),
	);
	t.after(() => app.unmount());
	assert.ok(app.frame().includes('a/\\x1b[31mred\\nb.jpg'), app.frame());
	assert.ok(!app.frame().includes('\u001B[31mred'), 'the raw sequence is not in the frame');
	// Under node --test stdout is no terminal, so Ink draws without colours: no ESC at all.
	assert.ok(!app.frame().includes('\u001B'), 'no raw ESC in the frame');
	assert.ok(!app.frame().includes('red\nb.jpg'), 'no raw newline inside the path');
	assert.match(app.frame(), /512 B/);

	app.controller.push({item: {path: 'invoice\u202Efdp.exe', size: 1}});
	const frame = await waitForFrame(app.lastFrame, 'the bidi path', (text) =>
		text.includes('invoice\\u202efdp.exe'),
	);
	assert.ok(!frame.includes('\u202E'), 'no raw bidi override in the frame');
});

test('a long path keeps its top folder and file name, cutting the middle', async (t) => {
	const path = `top/${'middle-folder/'.repeat(10)}IMG_2024_final.jpg`;
	const app = await renderLabelApp(sampleSnapshot({item: {path, size: 1}}));
	t.after(() => app.unmount());
	const frame = app.frame();
	assert.match(frame, /^\s*top\/middle-folder/m);
	assert.match(frame, /…/);
	assert.match(frame, /IMG_2024_final\.jpg$/m);
});

test('file details: dimensions, format and a human size', async (t) => {
	const app = await renderLabelApp();
	t.after(() => app.unmount());
	assert.match(app.frame(), /trip\/IMG_0001\.jpg/);
	assert.match(app.frame(), /4032 × 3024 · JPEG · 2\.1 MB/);
});

test('guess slot: explains a missing guess source, then shows a guess', async (t) => {
	const app = await renderLabelApp();
	t.after(() => app.unmount());
	assert.match(app.frame(), /no guess source configured/);
	assert.match(app.frame(), /run `imgsift guess` to add one/);

	app.controller.push({
		guess: {status: 'ready', label: 'photo', confidence: 0.93, source: 'builtin'},
	});
	const frame = await waitForFrame(app.lastFrame, 'the guess', (text) =>
		text.includes('guess photo 93%'),
	);
	assert.match(frame, /Enter \/ Space accepts · builtin/);
	assert.match(frame, /photo ◂/, 'the guessed class is marked in the legend');
});

test('a broken image shows its reason in the image area; messages show in the panel', async (t) => {
	const app = await renderLabelApp();
	t.after(() => app.unmount());
	app.controller.push({
		image: {status: 'broken', reason: 'truncated JPEG: premature end of data'},
		message: {kind: 'error', text: 'journal append failed: disk full'},
	});
	const frame = await waitForFrame(app.lastFrame, 'the broken image', (text) =>
		text.includes('cannot show this image'),
	);
	assert.match(frame, /truncated JPEG: premature end of data/);
	assert.match(frame, /journal append failed: disk full/);
});

test('the done view appears when nothing is left', async (t) => {
	const app = await renderLabelApp();
	t.after(() => app.unmount());
	app.controller.push({
		phase: 'done',
		item: undefined,
		image: {status: 'none'},
		progress: {decided: 1204, total: 1204, skipped: 0, committed: 1000, scanDone: true},
	});
	const frame = await waitForFrame(app.lastFrame, 'the done view', (text) =>
		text.includes('Nothing left to label.'),
	);
	assert.match(frame, /1,204 of 1,204 decided, 1,000 committed\./);
	assert.match(frame, /c moves the 204 decided files/);
});

test('the frame stays at least one row shorter than the terminal', async (t) => {
	const app = await renderLabelApp(sampleSnapshot(), {columns: 120, rows: 40});
	t.after(() => app.unmount());
	for (const [columns, rows] of [
		[120, 40],
		[50, 12],
		[80, 24],
		[30, 8],
	] as const) {
		await app.resize(columns, rows);
		const lines = app.frame().split('\n');
		assert.ok(lines.length <= rows - 1, `${lines.length} lines on a ${columns}x${rows} terminal`);
		assert.ok(
			lines.every((line) => line.length <= columns),
			`a line is wider than ${columns} columns`,
		);
	}
});

test('a terminal below 50x12 gets a message instead of the layout', async (t) => {
	const app = await renderLabelApp(sampleSnapshot(), {columns: 49, rows: 20});
	t.after(() => app.unmount());
	assert.match(app.frame(), /Terminal too small: 49×20/);
	assert.match(app.frame(), /at least 50×12/);
	assert.doesNotMatch(app.frame(), /photo/);

	await app.resize(50, 12);
	assert.doesNotMatch(app.frame(), /too small/);
	assert.match(app.frame(), /1\s+photo\s+12/);
});
