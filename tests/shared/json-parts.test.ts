import assert from 'node:assert/strict';
import test from 'node:test';
import {jsonParts} from '../../source/shared/json-parts.js';

const nullPrototype = Object.assign(Object.create(null) as Record<string, unknown>, {a: 1, b: [2]});

const values: Record<string, unknown> = {
	'a snapshot-like object': {
		format: 'imgsift-journal-snapshot',
		journal: {bytes: 10, lines: 2, head: 'x'},
		skipped: undefined,
		state: {
			decisions: {paths: ['a.jpg', 'b "c".jpg'], time: [0, '2026-01-01T00:00:00.000Z']},
			history: [[1, 'a.jpg', null, null]],
			cursor: null,
			gone: undefined,
			fn: () => 1,
		},
		problems: [],
	},
	'an empty object, and one whose only key is left out': {empty: {}, none: {gone: undefined}},
	'a Date and an object with toJSON are written as JSON.stringify writes them': {
		when: new Date(0),
		custom: {toJSON: () => 'custom'},
	},
	'keys and text needing escapes': {'key "q" \u2028': 'line\nbreak \u0000 é 😀'},
	'a null-prototype object': nullPrototype,
	'an array at the top': [1, {a: undefined}, null],
	'a string at the top': 'text',
	'null at the top': null,
};

for (const [name, value] of Object.entries(values)) {
	test(`jsonParts joins to exactly JSON.stringify: ${name}`, () => {
		assert.equal([...jsonParts(value)].join(''), JSON.stringify(value));
		assert.equal([...jsonParts(value, 5)].join(''), JSON.stringify(value));
	});
}

test('jsonParts opens up the top levels, so no piece holds a whole big column', () => {
	const paths = Array.from({length: 10_000}, (_, index) => `part/IMG_${index}.jpg`);
	const value = {state: {decisions: {paths, labels: paths.map(() => 'photo')}}};
	const pieces = [...jsonParts(value, 3)];
	const whole = JSON.stringify(value);
	assert.equal(pieces.join(''), whole);
	assert.ok(Math.max(...pieces.map((piece) => piece.length)) < whole.length * 0.8);
});

test('jsonParts writes a long array in runs of elements, joined exactly as JSON.stringify', () => {
	const column: unknown[] = Array.from({length: 10_000}, (_, index) =>
		index % 7 === 0 ? {a: index, b: undefined} : index % 5 === 0 ? undefined : `IMG_${index}`,
	);
	column[3] = () => 1;
	const holey = new Array<number>(9000);
	holey[10] = 1;
	for (const value of [{state: {decisions: {column, holey}}}, column, new Array(4097).fill(0)]) {
		const pieces = [...jsonParts(value, 4)];
		const whole = JSON.stringify(value);
		assert.equal(pieces.join(''), whole);
		if (value !== column) {
			continue;
		}

		// No piece is the whole column: the longest is one run of elements.
		assert.ok(Math.max(...pieces.map((piece) => piece.length)) < whole.length / 2);
	}

	// At depth 0 an array is one piece, as everything below `depth` is.
	assert.deepEqual([...jsonParts(column, 0)], [JSON.stringify(column)]);
});
