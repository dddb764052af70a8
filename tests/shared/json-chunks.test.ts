import assert from 'node:assert/strict';
import test from 'node:test';
import {jsonForTerminal} from '../../source/shared/escape.js';
import {jsonChunks, LazyArray, writeJsonLines} from '../../source/shared/json-chunks.js';

const manyFiles = (count: number) =>
	Array.from({length: count}, (_, index) => ({
		path: index % 7 === 0 ? `odd\u001B[31m\u009B\u202Ename ${index}.jpg` : `part/IMG_${index}.jpg`,
		size: index * 1000,
		sha1: index % 5 === 0 ? undefined : 'a'.repeat(40),
		tags: index % 3 === 0 ? [] : ['x', {nested: [1, 2]}],
		skipped: () => index,
	}));

const documents: Record<string, unknown> = {
	'a report with a long files list among other keys': {
		schema: 'imgsift-check/1',
		summary: {files: 1000, empty: {}, list: []},
		files: manyFiles(1000),
		gone: undefined,
		groups: [[1, 2, 3]],
		'key with \u2028 and "quotes"': 'value',
	},
	'a long array at the top': manyFiles(300),
	'a long array two levels down, with undefined and function elements': {
		outer: {inner: [...manyFiles(300), undefined, () => 1, null], after: true},
	},
	'nothing long: one piece': {small: [1, 2, 3], when: new Date(0)},
	'a long array of long arrays': Array.from({length: 300}, (_, index) =>
		Array.from({length: 300}, () => index),
	),
	'arrays at the edges of a run': {
		exactRun: manyFiles(256),
		runAndOne: manyFiles(257),
		twoRuns: manyFiles(512),
		twoRunsAndOne: [...manyFiles(512), undefined],
		longInsideTheSecondRun: [...manyFiles(300), manyFiles(400)],
	},
};

for (const [name, value] of Object.entries(documents)) {
	test(`jsonChunks joined equals jsonForTerminal exactly: ${name}`, () => {
		for (const indent of [0, 1, 2, 4]) {
			assert.equal([...jsonChunks(value, indent)].join(''), jsonForTerminal(value, indent));
		}
	});
}

test('a long array is written in many pieces, each one small', async () => {
	const value = {files: manyFiles(5000)};
	const chunks = [...jsonChunks(value, 2)];
	// Runs of 256 elements, so no piece is more than a small fraction of the whole.
	assert.ok(chunks.length >= 20, `${chunks.length} pieces`);
	const whole = jsonForTerminal(value, 2).length;
	assert.ok(Math.max(...chunks.map((chunk) => chunk.length)) < whole / 10);

	const writes: string[] = [];
	await writeJsonLines(
		value,
		2,
		(text) => {
			writes.push(text);
		},
		64 * 1024,
	);
	assert.ok(writes.length > 5, `${writes.length} writes`);
	assert.ok(writes.every((text) => text.length < 128 * 1024));
	assert.equal(writes.join(''), `${jsonForTerminal(value, 2)}\n`);
	assert.deepEqual(JSON.parse(writes.join('')), JSON.parse(JSON.stringify(value)));
});

test('a LazyArray is written as its array, making its elements a run at a time', () => {
	const files = manyFiles(1000);
	let made = 0;
	let mostAlive = 0;
	const lazy = new LazyArray(files.length, (index) => {
		made++;
		return files[index];
	});
	const value = {before: 1, files: lazy, short: new LazyArray(2, (index) => index), after: [1]};
	const expected = jsonForTerminal({...value, files, short: [0, 1]}, 2);
	const pieces: string[] = [];
	for (const chunk of jsonChunks(value, 2)) {
		pieces.push(chunk);
		mostAlive = Math.max(mostAlive, made);
		made = 0;
	}

	assert.equal(pieces.join(''), expected);
	assert.ok(mostAlive <= 256, `${mostAlive} elements made for one piece`);
	assert.equal(jsonForTerminal(value, 2), expected, 'JSON.stringify sees an array too');
});
