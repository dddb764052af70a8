import assert from 'node:assert/strict';
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {writeJsonAtomically} from '../../source/store/atomic-file.js';
import {makeTempDir} from '../helpers/temp-dir.js';

test('a file written in pieces holds the JSON line writeJsonAtomically writes', async (t) => {
	const dir = await makeTempDir(t);
	const file = path.join(dir, 'snapshot', 'ada.json');
	const value = {format: 'f', state: {catalog: ['a.jpg', 'b.jpg'], decisions: {paths: ['a.jpg']}}};
	await writeJsonAtomically(file, value, 3);
	assert.equal(await readFile(file, 'utf8'), `${JSON.stringify(value)}\n`);
});
