import assert from 'node:assert/strict';
import {readFile} from 'node:fs/promises';
import test from 'node:test';
import {gridKeyTableMarkdown} from '../source/core/grid-keys.js';
import {keyTableMarkdown} from '../source/core/keymap.js';

const readme = new URL('../../README.md', import.meta.url);

test("the README's key table is the keymap's", async () => {
	const text = await readFile(readme, 'utf8');
	const table = /<!-- keys:start[^\n]*-->\n([\s\S]*?)\n<!-- keys:end -->/.exec(text)?.[1];
	assert.equal(table, keyTableMarkdown(), 'regenerate it from keyTableMarkdown()');
});

test("the README's grid key table is the grid keymap's", async () => {
	const text = await readFile(readme, 'utf8');
	const table = /<!-- grid-keys:start[^\n]*-->\n([\s\S]*?)\n<!-- grid-keys:end -->/.exec(text)?.[1];
	assert.equal(table, gridKeyTableMarkdown(), 'regenerate it from gridKeyTableMarkdown()');
});

test('the README starts with the install-and-demo and the test commands', async () => {
	const text = await readFile(readme, 'utf8');
	const commands = [...text.matchAll(/^(npm [^#\n]*?)\s*(#.*)?$/gm)].map((match) => match[1]);
	assert.deepEqual(commands.slice(0, 2), ['npm install && npm start', 'npm test']);
});
