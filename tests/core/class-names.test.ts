import assert from 'node:assert/strict';
import test from 'node:test';
import {parseClassList} from '../../source/core/class-names.js';

test('valid class lists parse', () => {
	assert.deepEqual(parseClassList('photo, screenshot'), ['photo', 'screenshot']);
	assert.deepEqual(parseClassList('사진,스크린샷'), ['사진', '스크린샷']);
});

test('unsafe or ambiguous class names are rejected with the reason', () => {
	for (const [list, pattern] of [
		['photo,', /empty/],
		['photo,photo', /twice/],
		['Photo,photo', /twice/],
		['..,a', /parent/],
		['.,a', /itself/],
		['.labels,a', /hidden folder/],
		['a/b,c', /separator/],
		['a\\b,c', /separator/],
		['a\u001b[31m,b', /control/],
		['photo', /at least two/],
		['1,2,3,4,5,6,7,8,9,10', /only 9/],
		['_quarantine,a', /keeps/],
	] as const) {
		assert.throws(() => parseClassList(list), pattern, list);
	}
});
