import assert from 'node:assert/strict';
import test from 'node:test';
import {resizeTerminal, waitForFrame, waitUntil} from '../helpers/ink-wait.js';
import {renderLabelApp} from '../helpers/render-label-app.js';

async function intentsAfterWriting(keys: readonly string[], expectedCount: number) {
	const app = await renderLabelApp();
	try {
		for (const key of keys) {
			app.stdin.write(key);
		}

		await waitUntil(
			`${expectedCount} intents`,
			() => app.controller.intents.length >= expectedCount,
		);
		return app.controller.intents;
	} finally {
		app.unmount();
	}
}

const singleKeys = [
	{name: '1', bytes: '1', intent: {action: 'decide', classIndex: 0}},
	{name: '2', bytes: '2', intent: {action: 'decide', classIndex: 1}},
	{name: 'u', bytes: 'u', intent: {action: 'undo'}},
	{name: 'Backspace (DEL)', bytes: '\u007F', intent: {action: 'undo'}},
	{name: 'Backspace (BS)', bytes: '\b', intent: {action: 'undo'}},
	{name: 'Enter', bytes: '\r', intent: {action: 'accept-guess'}},
	{name: 'Space', bytes: ' ', intent: {action: 'accept-guess'}},
	{name: 's', bytes: 's', intent: {action: 'skip'}},
	{name: 'c', bytes: 'c', intent: {action: 'commit'}},
	{name: 'q', bytes: 'q', intent: {action: 'quit'}},
	{name: 'Ctrl-C', bytes: '\u0003', intent: {action: 'quit'}},
] as const;

for (const {name, bytes, intent} of singleKeys) {
	test(`${name} sends ${JSON.stringify(intent)}`, async () => {
		assert.deepEqual(await intentsAfterWriting([bytes], 1), [intent]);
	});
}

test('keys arriving in one chunk are each handled, in order', async () => {
	const intents = await intentsAfterWriting(['1u2\u007Fs'], 5);
	assert.deepEqual(intents, [
		{action: 'decide', classIndex: 0},
		{action: 'undo'},
		{action: 'decide', classIndex: 1},
		{action: 'undo'},
		{action: 'skip'},
	]);
});

test('a class key beyond the class count and unbound keys do nothing', async () => {
	// With 2 classes, '3' and 'x' must be ignored; the trailing 's' proves the chunk was read.
	const intents = await intentsAfterWriting(['3', 'x', '\t', 's'], 1);
	assert.deepEqual(intents, [{action: 'skip'}]);
});

test('? opens help, other keys are ignored there, Esc closes it', async (t) => {
	const app = await renderLabelApp();
	t.after(() => app.unmount());
	app.stdin.write('?');
	await waitForFrame(app.lastFrame, 'help', (frame) => frame.includes('imgsift keys'));

	app.stdin.write('1us\r');
	app.stdin.write('\u001B');
	await waitForFrame(app.lastFrame, 'help to close', (frame) => !frame.includes('imgsift keys'));
	assert.deepEqual(app.controller.intents, [], 'keys pressed while help was open are ignored');

	app.stdin.write('1');
	await waitUntil('the decide intent', () => app.controller.intents.length === 1);
	assert.deepEqual(app.controller.intents, [{action: 'decide', classIndex: 0}]);
});

test('? toggles help, and a key after ? in the same chunk is not applied', async (t) => {
	const app = await renderLabelApp();
	t.after(() => app.unmount());
	app.stdin.write('?1');
	await waitForFrame(app.lastFrame, 'help', (frame) => frame.includes('imgsift keys'));
	app.stdin.write('?');
	await waitForFrame(app.lastFrame, 'help to close', (frame) => frame.includes('photo'));
	app.stdin.write('s');
	await waitUntil('the skip intent', () => app.controller.intents.length === 1);
	assert.deepEqual(app.controller.intents, [{action: 'skip'}]);
});

test('quit works while help is open', async (t) => {
	const app = await renderLabelApp();
	t.after(() => app.unmount());
	app.stdin.write('?');
	await waitForFrame(app.lastFrame, 'help', (frame) => frame.includes('imgsift keys'));
	app.stdin.write('q');
	await waitUntil('the quit intent', () => app.controller.intents.length === 1);
	assert.deepEqual(app.controller.intents, [{action: 'quit'}]);
});

test('on a too-small terminal only quit works', async (t) => {
	const app = await renderLabelApp(undefined, {columns: 40, rows: 10});
	t.after(() => app.unmount());
	app.stdin.write('1?s');
	app.stdin.write('q');
	await waitUntil('the quit intent', () => app.controller.intents.length === 1);
	assert.deepEqual(app.controller.intents, [{action: 'quit'}]);
	assert.match(app.frame(), /too small/);
});

test('a key read right after a shrink is judged by the frame on screen, not the one before', async (t) => {
	const app = await renderLabelApp();
	t.after(() => app.unmount());
	// Ink writes a frame during React's commit and swaps its key handler later, after paint. A key
	// that arrives in between (a fast typist, a loaded box) must still see the too-small screen.
	const write = app.stdout.write.bind(app.stdout);
	let pressed = false;
	app.stdout.write = (frame: string) => {
		write(frame);
		if (!pressed && frame.includes('Terminal too small')) {
			pressed = true;
			queueMicrotask(() => app.stdin.write('1'));
		}
	};

	resizeTerminal(app.stdout, 40, 10);
	await waitUntil('the key written on the too-small frame', () => pressed);
	app.stdin.write('q');
	await waitUntil('the quit intent', () => app.controller.intents.length > 0);
	assert.deepEqual(app.controller.intents, [{action: 'quit'}], 'the 1 was not a decision');
});
