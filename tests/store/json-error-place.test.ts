import assert from 'node:assert/strict';
import test from 'node:test';
import {describeJsonErrorPlace, jsonErrorOffset} from '../../source/store/json-error-place.js';

test('valid JSON has no error offset', () => {
	const samples = [
		'{}',
		'[]',
		' {"a": [1, -2.5e3, true, false, null, "x\\n\\u00e9"]}\n',
		'"text"',
		'0',
		JSON.stringify(
			{version: 1, classes: ['photo', 'screenshot'], nested: {deep: [[], {}]}},
			null,
			'\t',
		),
	];
	for (const sample of samples) {
		assert.equal(jsonErrorOffset(sample), undefined, sample);
	}
});

test('the offset points at the first character that breaks the JSON', () => {
	const cases: Array<[string, number]> = [
		['{"a": [1, 2,]}', 12],
		['{"a": 1,}', 8],
		["{'a': 1}", 1],
		['{"a" 1}', 5],
		['[1 2]', 3],
		['{"a": tru}', 6],
		['{"a": 01}', 7],
		['{"a": "\\x"}', 8],
		['{"a": 1} x', 9],
		['{"a": [', 7],
		['', 0],
	];
	for (const [text, offset] of cases) {
		assert.equal(jsonErrorOffset(text), offset, text);
		assert.throws(() => JSON.parse(text), SyntaxError, text);
	}
});

test('places are told as 1-based line and column, or as an early end', () => {
	const text = '{\n\t"classes": ["a",]\n}';
	const offset = jsonErrorOffset(text) ?? -1;
	assert.equal(describeJsonErrorPlace(text, offset), 'line 2, column 18');
	assert.equal(describeJsonErrorPlace('[1,', 3), 'it ends too early');
});
