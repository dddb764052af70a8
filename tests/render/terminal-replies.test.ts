import assert from 'node:assert/strict';
import test from 'node:test';
import {stripTerminalReplies} from '../../source/render/probe-replies.js';

test('terminal replies are removed from input, keys stay', () => {
	const replies = [
		'\u001B_Gi=31;OK\u001B\\',
		'\u001B[?62;4;22c',
		'\u001B[>41;373;0c',
		'\u001BP>|XTerm(390)\u001B\\',
		'\u001B[6;20;10t',
		'\u001B[4;800;1200t',
		'\u001B]11;rgb:0000/0000/0000\u0007',
		'\u001B[?2026;2$y',
	];
	for (const reply of replies) {
		assert.equal(stripTerminalReplies(`1${reply}u`), '1u', JSON.stringify(reply));
	}
});

test('keys that look a little like replies are kept', () => {
	for (const keys of ['?', '1', '\u001B', '\u001B[A', '\u001B[3~', 'q', '\u007F']) {
		assert.equal(stripTerminalReplies(keys), keys);
	}
});
