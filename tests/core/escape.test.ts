import assert from 'node:assert/strict';
import test from 'node:test';
import {escapeControl} from '../../source/core/escape.js';

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
