import assert from 'node:assert/strict';
import {mkdir, writeFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {readKnownHashes} from '../../source/formats/known-hashes.js';
import {checkCacheVersion} from '../../source/scan/check-cache.js';
import {labelsDir} from '../../source/store/paths.js';
import {makeTempDir} from '../helpers/temp-dir.js';

test('SHA-1s from the check cache of the version check writes now are known', async (t) => {
	const dir = await makeTempDir(t);
	await mkdir(labelsDir(dir), {recursive: true});
	const sha1 = 'c'.repeat(40);
	const line = {v: checkCacheVersion, path: 'a.jpg', size: 5, mtimeMs: 7, sha1};
	await writeFile(path.join(labelsDir(dir), 'check-cache.jsonl'), `${JSON.stringify(line)}\n`);
	const known = await readKnownHashes(dir);
	assert.equal(known.get('a.jpg', 5, 7), sha1);
	assert.equal(known.get('a.jpg', 5, 8), undefined, 'not once the mtime differs');
});
