import assert from 'node:assert/strict';
import test from 'node:test';
import {render} from 'ink-testing-library';
import {StatusWatch} from '../../source/ui/status-watch/status-watch.js';
import {
	initialWatchState,
	watchKeyIntent,
	watchReducer,
} from '../../source/ui/status-watch/watch-state.js';
import {waitForFrame} from '../helpers/ink-wait.js';

const fixedNow = () => new Date('2026-12-04T12:34:56.000Z');

test('the watch shows the loaded lines, and r reads them again', async (t) => {
	let reads = 0;
	const load = async () => {
		reads++;
		return [`read number ${reads}`, 'ann 12 decisions'];
	};
	// A long interval: only the first read and the r key refresh during the test.
	const app = render(<StatusWatch load={load} intervalMs={60_000} now={fixedNow} />);
	t.after(() => app.unmount());
	const first = await waitForFrame(app.lastFrame, 'first read', (frame) =>
		frame.includes('read number 1'),
	);
	assert.match(first, /as of 12:34:56 UTC, every 60 s · r refresh · q quit/);
	app.stdin.write('r');
	await waitForFrame(app.lastFrame, 'second read', (frame) => frame.includes('read number 2'));
});

test('a failed refresh keeps the last lines and says why, escaped', async (t) => {
	let fail = false;
	const load = async () => {
		if (fail) {
			throw new Error('journal gone \u001b[2J');
		}

		return ['ann 12 decisions'];
	};
	const app = render(<StatusWatch load={load} intervalMs={60_000} now={fixedNow} />);
	t.after(() => app.unmount());
	await waitForFrame(app.lastFrame, 'first read', (frame) => frame.includes('ann 12'));
	fail = true;
	app.stdin.write('r');
	const frame = await waitForFrame(app.lastFrame, 'the error', (text) =>
		text.includes('could not refresh'),
	);
	assert.ok(frame.includes('ann 12 decisions'));
	assert.ok(frame.includes('journal gone \\x1b[2J'));
});

test('watch keys: q, Escape and Ctrl+C quit, r refreshes, others do nothing', () => {
	assert.equal(watchKeyIntent('q', {}), 'quit');
	assert.equal(watchKeyIntent('', {escape: true}), 'quit');
	assert.equal(watchKeyIntent('c', {ctrl: true}), 'quit');
	assert.equal(watchKeyIntent('r', {}), 'refresh');
	assert.equal(watchKeyIntent('x', {}), undefined);
	assert.equal(watchKeyIntent('c', {}), undefined);
});

test('watch reducer: a refresh clears the error, a failure keeps the lines', () => {
	const shown = watchReducer(initialWatchState, {type: 'refreshed', lines: ['a'], at: 't1'});
	const failed = watchReducer(shown, {type: 'refresh-failed', message: 'gone'});
	assert.deepEqual(failed, {lines: ['a'], readAt: 't1', error: 'gone', quitting: false});
	const again = watchReducer(failed, {type: 'refreshed', lines: ['b'], at: 't2'});
	assert.equal(again.error, undefined);
	assert.equal(watchReducer(again, {type: 'quit'}).quitting, true);
});
