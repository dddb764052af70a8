import assert from 'node:assert/strict';
import {readdir, readFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {fileURLToPath} from 'node:url';

/** The checkout (tests run from build/tests/). */
const root = fileURLToPath(new URL('../..', import.meta.url));
const longest = 300;

test(`no code file is over ${longest} lines: one job a file, small components`, async () => {
	const files = ['cli.tsx'];
	for (const folder of ['source', 'tests', 'bench']) {
		const entries = await readdir(path.join(root, folder), {recursive: true});
		files.push(
			...entries.filter((entry) => /\.tsx?$/.test(entry)).map((entry) => path.join(folder, entry)),
		);
	}

	assert.ok(
		files.length > 300,
		`found only ${files.length} files: is the checkout where it seems?`,
	);
	const over: string[] = [];
	for (const file of files) {
		const text = await readFile(path.join(root, file), 'utf8');
		const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
		if (lines > longest) over.push(`${file} (${lines})`);
	}

	assert.deepEqual(over, []);
});
