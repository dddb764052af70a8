import assert from 'node:assert/strict';
import test from 'node:test';
import {openDataset} from '../../source/app/dataset.js';
import {startLabelSession} from '../../source/app/label-session.js';
import {progressOf} from '../../source/core/session-state.js';
import {claimBatch} from '../../source/session/team-link.js';
import {
	distinctImages,
	gridCells,
	openItems,
	photoPredictions,
	terminalStream,
} from '../helpers/grid-session.js';
import {waitUntil} from '../helpers/ink-wait.js';

const classes = ['photo', 'screenshot'];
const patient = {timeoutMs: 20_000};

test('with the grid on screen a labeling session claims a page window ahead, topped up after each page; a teammate still gets the rest', async (t) => {
	const {dir, paths} = await distinctImages(t, 300);
	const predictions = await photoPredictions(t, paths, () => 0.9);
	// Every local session claims through the folder's ledger, a person alone too.
	const dataset = await openDataset(dir, {classes}, 'ann');
	const session = await startLabelSession(dataset, {
		stdout: terminalStream(140, 45),
		commitOnExit: false,
		guesses: {predictions},
	});
	// Closed before the temp folder's removal (an earlier hook): the session writes to .labels until then.
	let stopped: Promise<void> | undefined;
	const stop = async () => {
		stopped ??= (async () => {
			await session.stop();
			await dataset.close();
		})();
		return stopped;
	};
	t.after(stop);
	const open = () => openItems(dataset.store.getState()).length;
	await waitUntil(
		'the scan and the single view’s first claims',
		() => dataset.store.getState().scanDone && open() >= claimBatch,
		patient,
	);
	assert.equal(open(), claimBatch, 'the single view holds a small batch');

	// 24 cells at 140×45: pages come from a window of 96 open items, and the two pages after the
	// open one from the window as it will be: 192 held ahead.
	const cells = gridCells(140, 45);
	assert.equal(cells.length, 24);
	const ahead = 192;
	session.grid.setCells(cells);
	await waitUntil('claims for the grid’s window', () => open() >= ahead, {
		...patient,
		describe: () => `${open()} open items`,
	});
	assert.equal(open(), ahead, 'no more than the window');
	await waitUntil('a full first page', () => session.grid.getSnapshot().cells.length === 24);

	session.grid.intent({action: 'accept-page'});
	await waitUntil('the second page', () => session.grid.getSnapshot().header?.startsWith('page 2'));
	const decided = () => progressOf(dataset.store.getState()).decided;
	await waitUntil('the window topped up after Enter', () => decided() === 24 && open() === ahead, {
		...patient,
		describe: () => `${decided()} decided, ${open()} open`,
	});

	// Held, not hoarded: another labeler on the folder claims everything the session does not hold.
	const teammate = await openDataset(dir, undefined, 'bea');
	await teammate.ledger.offer(paths);
	const theirs = await teammate.ledger.claim(paths.length);
	assert.equal(theirs.length, paths.length - 24 - ahead);
	const mine = new Set(openItems(dataset.store.getState()));
	await teammate.close();
	assert.ok(theirs.every((item) => !mine.has(item)));
	await stop();
});
