import assert from 'node:assert/strict';
import test from 'node:test';
import {FramePacer, needsFrameNow} from '../../source/session/frame-pacing.js';
import type {LabelSnapshot} from '../../source/session/screen-contract.js';
import {sampleSnapshot} from '../helpers/label-controller-fixture.js';

const shown = sampleSnapshot();
const withProgress = (change: Partial<LabelSnapshot['progress']>) =>
	sampleSnapshot({progress: {...shown.progress, ...change}});

test('a change someone waits for needs a frame now; scan totals and "loading…" do not', () => {
	const now: Array<[string, LabelSnapshot]> = [
		['another image', sampleSnapshot({item: {path: 'b.jpg', size: 1}})],
		['a decision counted', withProgress({decided: 20})],
		['a skip counted', withProgress({skipped: 4})],
		['the picture failed', sampleSnapshot({image: {status: 'broken', reason: 'truncated'}})],
		[
			'a guess ready',
			sampleSnapshot({
				guess: {status: 'ready', label: 'photo', confidence: 0.9, source: 'builtin'},
			}),
		],
		['a message', sampleSnapshot({message: {kind: 'info', text: 'saved'}})],
		['a new phase', sampleSnapshot({phase: 'committing'})],
	];
	for (const [what, next] of now) {
		assert.equal(needsFrameNow(shown, next), true, what);
	}

	const later: Array<[string, LabelSnapshot]> = [
		['a scan total', withProgress({total: 1300})],
		['the rate', sampleSnapshot({rate: {perHour: 600, etaMs: 1000}})],
		['the picture loading', sampleSnapshot({image: {status: 'loading'}})],
		['a guess pending', sampleSnapshot({guess: {status: 'pending'}})],
		['file details', sampleSnapshot({item: {...shown.item, path: 'trip/IMG_0001.jpg', size: 9}})],
	];
	for (const [what, next] of later) {
		assert.equal(needsFrameNow(shown, next), false, what);
	}
});

test('background changes show at most once per interval, the last one always', (t) => {
	t.mock.timers.enable({apis: ['setTimeout']});
	let clock = 1000;
	let due = 0;
	const pacer = new FramePacer({intervalMs: 200, now: () => clock, onDue: () => due++});
	const total = (value: number) => withProgress({total: value});

	assert.equal(pacer.showNow(shown, total(1)), true, 'the first frame is not held');
	clock += 50;
	assert.equal(pacer.showNow(shown, total(2)), false);
	clock += 50;
	assert.equal(pacer.showNow(shown, total(3)), false, 'held again, one timer');
	// The timer was set at 1050, when the frame shown at 1000 had 150 ms of its interval left.
	t.mock.timers.tick(149);
	assert.equal(due, 0);
	t.mock.timers.tick(1);
	assert.equal(due, 1, 'due 200 ms after the last frame shown');
	clock += 100;
	assert.equal(pacer.showNow(shown, total(3)), true, 'the held change shows when it is due');
});

test('a change someone waits for shows at once and drops the held one; stop drops it too', (t) => {
	t.mock.timers.enable({apis: ['setTimeout']});
	let clock = 0;
	let due = 0;
	const pacer = new FramePacer({intervalMs: 200, now: () => clock, onDue: () => due++});
	assert.equal(pacer.showNow(shown, withProgress({total: 1})), true);
	clock += 10;
	assert.equal(pacer.showNow(shown, withProgress({total: 2})), false);
	clock += 10;
	assert.equal(pacer.showNow(shown, withProgress({decided: 20})), true);
	t.mock.timers.tick(500);
	assert.equal(due, 0, 'the frame just shown carried the held change');

	clock += 10;
	assert.equal(pacer.showNow(shown, withProgress({total: 3})), false);
	pacer.stop();
	t.mock.timers.tick(500);
	assert.equal(due, 0);
});
