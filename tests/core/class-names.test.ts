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

test('invisible and bidi characters in a class name are refused, named by code point, never raw', () => {
	for (const [list, codePoint] of [
		['cat\u202Egpj.exe,dog', 'U+202E'],
		['cat\u200B,dog', 'U+200B'],
		['ca\u2066t,dog', 'U+2066'],
		['cat\u00A0x,dog', 'U+00A0'],
		['cat\u2028x,dog', 'U+2028'],
	] as const) {
		assert.throws(
			() => parseClassList(list),
			(error: unknown) => {
				assert.ok(error instanceof Error);
				assert.match(
					error.message,
					new RegExp(
						`invisible or direction-changing character \\(${codePoint.replace('+', '\\+')}\\)`,
					),
				);
				assert.doesNotMatch(
					error.message,
					/[\u200B\u202E\u2066\u00A0\u2028\uFEFF]/u,
					'shown escaped',
				);
				return true;
			},
			list,
		);
	}

	assert.deepEqual(
		parseClassList('chat noir,chien'),
		['chat noir', 'chien'],
		'a plain space is fine',
	);
});
