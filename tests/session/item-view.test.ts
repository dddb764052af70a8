import assert from 'node:assert/strict';
import test from 'node:test';
import {chooseRenderer, createRenderer} from '../../source/render/choose.js';
import {createFrameCache} from '../../source/render/index.js';
import {frameSourceOf, type LoadedItem, loadItem} from '../../source/render/item-loader.js';
import {ItemView, type Overlay} from '../../source/session/item-view.js';
import {distinctImages} from '../helpers/grid-session.js';
import {waitUntil} from '../helpers/ink-wait.js';

test('behind the grid (no box), the single view leaves the shared overlay alone as its item moves on', async (t) => {
	// The grid and the single view paint through one overlay. After Enter on a page the grid paints
	// the next page in the same turn as the cursor moves; clearing there wiped the page off screen.
	const {dir, paths} = await distinctImages(t, 2);
	const [first = '', second = ''] = paths;
	const renderer = createRenderer(
		chooseRenderer(
			{replies: {kitty: false}, answered: false},
			{COLORTERM: 'truecolor'},
			{render: 'blocks', colors: 'auto', lowBandwidth: false},
		),
	);
	const frames = frameSourceOf(
		createFrameCache<LoadedItem>({
			load: async (item, box) => loadItem(dir, renderer, item, box, () => {}),
			ahead: 2,
			max: 4,
		}),
	);
	const painted: Array<Overlay | undefined> = [];
	const view = new ItemView(frames, {setOverlay: (overlay) => painted.push(overlay)}, () => {});

	view.show(first);
	view.show(second);
	assert.deepEqual(painted, [], 'a view with no box painted or cleared the overlay');

	// Back in the single view, it paints its item, and clears it when there is none.
	view.setBox({columns: 20, rows: 8}, {top: 1, left: 0});
	const picture = await waitUntil<Overlay>('the item painted', () =>
		painted.find((overlay) => overlay !== undefined),
	);
	assert.ok(picture.lines.length > 0);
	view.show(undefined);
	assert.equal(painted.at(-1), undefined);
});
