import assert from 'node:assert/strict';
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {jsonPieces, writeJsonPiecesAtomically} from '../../source/store/atomic-file.js';
import {makeTempDir} from '../helpers/temp-dir.js';

const values: unknown[] = [
	{},
	{a: 1},
	{a: undefined, b: () => 1, c: 'x'},
	{a: {b: {c: {d: [1, {e: 2}], f: undefined}}, g: null}, h: [undefined, 'y']},
	{when: new Date(0), nested: {}, list: [], text: 'line\nbreak "quoted" é'},
	[1, {a: 2}],
	'text',
	42,
	null,
];

test('jsonPieces joined is JSON.stringify, at every depth', () => {
	for (const value of values) {
		for (const depth of [0, 1, 2, 3, 5]) {
			assert.equal([...jsonPieces(value, depth)].join(''), JSON.stringify(value), `depth ${depth}`);
		}
	}
});

test('a file written in pieces holds the JSON line writeJsonAtomically writes', async (t) => {
	const dir = await makeTempDir(t);
	const file = path.join(dir, 'snapshot', 'ada.json');
	const value = {format: 'f', state: {catalog: ['a.jpg', 'b.jpg'], decisions: {paths: ['a.jpg']}}};
	await writeJsonPiecesAtomically(file, value, 3);
	assert.equal(await readFile(file, 'utf8'), `${JSON.stringify(value)}\n`);
});
