import assert from 'node:assert/strict';
import test from 'node:test';
import {escapeControl, jsonForTerminal} from '../../source/shared/escape.js';

test('escapeControl shows control characters instead of sending them', () => {
	assert.equal(escapeControl('a\u001b[2Jb'), 'a\\x1b[2Jb');
	assert.equal(escapeControl('line\nnext\r\tend'), 'line\\nnext\\r\\tend');
	assert.equal(escapeControl('\u0000\u007f\u009b\u0085'), '\\x00\\x7f\\x9b\\x85');
	assert.equal(escapeControl('photo\u202egpj.exe'), 'photo\\u202egpj.exe');
	assert.equal(escapeControl('\u2028'), '\\u2028');
});

test('escapeControl leaves ordinary names alone, Unicode included', () => {
	for (const name of ['img_0001.jpg', 'Été à Zürich.png', '写真 1.jpg', 'back\\slash', '😀.png']) {
		assert.equal(escapeControl(name), name);
	}
});

test('jsonForTerminal writes no control character raw, and parses back to the same value', () => {
	const value = {path: 'c1\u009b31m\u001b]0;x\u0007\u202e\u2028\u007f.jpg', n: [1, 'Été']};
	const text = jsonForTerminal(value, 2);
	assert.doesNotMatch(text, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e\u2028]/);
	assert.match(text, /c1\\u009b31m\\u001b\]0;x\\u0007\\u202e\\u2028\\u007f\.jpg/);
	assert.deepEqual(JSON.parse(text), value);
	assert.equal(jsonForTerminal({a: 'plain'}), JSON.stringify({a: 'plain'}));
});
