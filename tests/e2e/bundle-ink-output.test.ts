import assert from 'node:assert/strict';
import {readdir, readFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {fileURLToPath} from 'node:url';

const dist = fileURLToPath(new URL('../../../dist/', import.meta.url));

test("the built CLI's Ink turns frames into text with imgsift's styledCharsToString", async () => {
	const chunks = (await readdir(dist)).filter((name) => name.endsWith('.js'));
	const texts = await Promise.all(
		chunks.map(async (name) => readFile(path.join(dist, name), 'utf8')),
	);
	const bundle = texts.join('\n');
	// The replacement's helper is there, and the library's per-cell diff of every cell is not.
	assert.match(bundle, /function sameStyles\(/);
	assert.doesNotMatch(bundle, /ansiCodesToString\(diffAnsiCodes\(chars\[i - 1\]\.styles/);
});
