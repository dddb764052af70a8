import assert from 'node:assert/strict';
import test from 'node:test';
import {hygieneLines} from '../../source/ui/panels/hygiene-panel.js';
import {waitForFrame, waitUntil} from '../helpers/ink-wait.js';
import {sampleSnapshot} from '../helpers/label-controller-fixture.js';
import {renderLabelApp} from '../helpers/render-label-app.js';

test('the side panel shows copies, the near copy with its key, and broken files set aside', async (t) => {
	const app = await renderLabelApp(
		sampleSnapshot({
			hygiene: {
				copies: 3,
				near: {path: 'trip/IMG_0002.jpg', label: 'photo', distance: 6},
				broken: 2,
				lastBroken: {path: 'bad.jpg', reason: 'truncated', detail: 'ends early'},
			},
		}),
		{columns: 140, rows: 40},
	);
	t.after(() => app.unmount());
	const frame = await waitForFrame(app.lastFrame, 'the hygiene lines', (text) =>
		text.includes('3 copies'),
	);
	// The panel is narrow: lines wrap, so compare the text with its line breaks as spaces.
	const text = frame
		.split('\n')
		.map((line) => line.trim())
		.join(' ');
	assert.match(text, /near copy of trip\/IMG_0002\.jpg \(decided: photo, d=6\)/);
	assert.match(text, /a gives it that label/);
	assert.match(text, /2 broken set aside; skipped bad\.jpg: truncated/);

	app.stdin.write('a');
	await waitUntil('the accept-near intent', () => app.controller.intents.length > 0);
	assert.deepEqual(app.controller.intents, [{action: 'accept-near'}]);
});

test('nothing to say, no lines; control characters in paths are escaped', () => {
	assert.deepEqual(hygieneLines(undefined), []);
	assert.deepEqual(hygieneLines({copies: 1, broken: 0}), []);
	const lines = hygieneLines({
		copies: 1,
		broken: 0,
		near: {path: 'x\u001b[2J.jpg', label: 'photo', distance: 2},
	});
	assert.equal(lines[0], 'near copy of x\\x1b[2J.jpg (decided: photo, d=2)');
});
