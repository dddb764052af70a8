import assert from 'node:assert/strict';
import test from 'node:test';
import {composeMessage, Notices} from '../../source/session/notices.js';

test('a notice lasts until its topic ends it; setting the same one again says nothing new', () => {
	const notices = new Notices();
	let changes = 0;
	notices.onChange(() => changes++);
	notices.set('network', {kind: 'error', text: 'Offline: no route'});
	notices.set('claims', {kind: 'error', text: 'could not claim more images'});
	notices.set('network', {kind: 'error', text: 'Offline: no route'});
	assert.equal(changes, 2);
	assert.deepEqual(
		notices.all.map((notice) => notice.text),
		['Offline: no route', 'could not claim more images'],
	);
	notices.set('network', undefined);
	notices.set('network', undefined);
	assert.equal(changes, 3);
	assert.deepEqual(notices.all, [{kind: 'error', text: 'could not claim more images'}]);
});

test("one line: the key's message first, then the notices, then auto-accept's line", () => {
	const refusal = {kind: 'error' as const, text: 'could not write the journal'};
	const offline = {kind: 'error' as const, text: 'Offline: no route'};
	assert.equal(composeMessage(undefined, []), undefined);
	assert.deepEqual(composeMessage(refusal, []), refusal);
	assert.deepEqual(composeMessage(undefined, [offline]), offline);
	assert.deepEqual(
		composeMessage({kind: 'info', text: 'Nothing to undo.'}, [], 'auto: 12 accepted'),
		{
			kind: 'info',
			text: 'Nothing to undo. · auto: 12 accepted',
		},
	);
	assert.deepEqual(composeMessage({kind: 'info', text: 'Nothing to undo.'}, [offline]), {
		kind: 'error',
		text: 'Nothing to undo. · Offline: no route',
	});
	assert.deepEqual(composeMessage(refusal, [offline], 'auto: waiting'), {
		kind: 'error',
		text: 'could not write the journal · Offline: no route · auto: waiting',
	});
});
