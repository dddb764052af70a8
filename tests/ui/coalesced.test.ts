import assert from 'node:assert/strict';
import test from 'node:test';
import {coalesced} from '../../source/ui/use-label-snapshot.js';

test('notifications in one task reach the listener once, after the task', async () => {
	let calls = 0;
	const notify = coalesced(() => calls++);
	notify();
	notify();
	notify();
	assert.equal(calls, 0, 'not during the task: the state, image and guess may all still change');
	await Promise.resolve();
	assert.equal(calls, 1);
	notify();
	await Promise.resolve();
	assert.equal(calls, 2, 'a later task notifies again');
});
