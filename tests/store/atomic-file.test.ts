import assert from 'node:assert/strict';
import {chmod, mkdir, readdir, readFile, writeFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {fileURLToPath} from 'node:url';
import {UserError} from '../../source/shared/user-error.js';
import {atomicTextFile, jsonFileAdapter} from '../../source/store/atomic-file.js';
import {passesAsNobody} from '../helpers/run-as.js';
import {makeTempDir} from '../helpers/temp-dir.js';

test('a missing file reads as undefined', async (t) => {
	const dir = await makeTempDir(t);
	assert.equal(await atomicTextFile(path.join(dir, 'absent.txt')).read(), undefined);
});

test('write replaces the file and leaves no temp file behind', async (t) => {
	const dir = await makeTempDir(t);
	const file = path.join(dir, 'config.json');
	const adapter = atomicTextFile(file);
	await adapter.write('first');
	await adapter.write('second');
	assert.equal(await readFile(file, 'utf8'), 'second');
	assert.equal(await adapter.read(), 'second');
	assert.deepEqual(await readdir(dir), ['config.json']);
});

test('concurrent writes end with the last text, and readers only ever see whole versions', async (t) => {
	const dir = await makeTempDir(t);
	const file = path.join(dir, 'big.txt');
	const adapter = atomicTextFile(file);
	const versions = Array.from({length: 12}, (_, index) =>
		String.fromCodePoint(97 + index).repeat(256 * 1024),
	);
	await adapter.write('start');

	let writing = true;
	let reads = 0;
	const partialReads: number[] = [];
	const reader = (async () => {
		while (writing) {
			const text = await readFile(file, 'utf8');
			reads++;
			if (text !== 'start' && !versions.includes(text)) {
				partialReads.push(text.length);
			}
		}
	})();
	await Promise.all(versions.map((text) => adapter.write(text)));
	writing = false;
	await reader;

	assert.deepEqual(partialReads, [], 'a read saw a half-written file');
	assert.ok(reads > 0);
	assert.equal(await readFile(file, 'utf8'), versions.at(-1));
	assert.deepEqual(await readdir(dir), ['big.txt']);
});

test('a failed write is a UserError with the cause, and leaves no temp file', async (t) => {
	const dir = await makeTempDir(t);
	const file = path.join(dir, 'missing-folder', 'config.json');
	await assert.rejects(atomicTextFile(file).write('x'), (error: unknown) => {
		assert.ok(error instanceof UserError);
		assert.match(error.message, /^could not write .*config\.json: .*the previous version/);
		assert.equal((error.cause as NodeJS.ErrnoException).code, 'ENOENT');
		return true;
	});
	assert.deepEqual(await readdir(dir), []);
});

test('writing into a read-only folder says permission denied and keeps the old file', async (t) => {
	const dir = await makeTempDir(t);
	const folder = path.join(dir, 'locked');
	await mkdir(folder);
	const file = path.join(folder, 'config.json');
	await writeFile(file, 'old');
	await chmod(folder, 0o555);
	try {
		const writable = await writeFile(path.join(folder, 'probe'), '').then(
			() => true,
			() => false,
		);
		if (writable) {
			// Root ignores the mode bits: the same test runs as nobody instead.
			await passesAsNobody(fileURLToPath(import.meta.url), t.name);
			return;
		}

		await assert.rejects(
			atomicTextFile(file).write('new'),
			/permission denied\. Make the folder writable/,
		);
		assert.equal(await readFile(file, 'utf8'), 'old');
		assert.deepEqual(await readdir(folder), ['config.json']);
	} finally {
		// Restored before the temp dir is removed, so cleanup can delete the folder.
		await chmod(folder, 0o755);
	}
});

test('jsonFileAdapter round-trips data and reads a blank file as null', async (t) => {
	const dir = await makeTempDir(t);
	const file = path.join(dir, 'data.json');
	const adapter = jsonFileAdapter<{names: string[]}>(file);
	assert.equal(await adapter.read(), null);
	await adapter.write({names: ['a', 'b']});
	assert.deepEqual(await adapter.read(), {names: ['a', 'b']});
	await writeFile(file, '  \n');
	assert.equal(await adapter.read(), null);
});

test('invalid JSON names the file, the place, and what to do, with the cause', async (t) => {
	const dir = await makeTempDir(t);
	const file = path.join(dir, 'project.json');
	await writeFile(file, '{\n\t"version": 1,\n\t"classes": ["a",]\n}\n');
	await assert.rejects(jsonFileAdapter(file).read(), (error: unknown) => {
		assert.ok(error instanceof UserError);
		assert.ok(error.message.startsWith(`${file} is not valid JSON (line 3, column 18).`));
		assert.match(error.message, /Fix it by hand, or move it away and imgsift will recreate it\.$/);
		assert.ok(error.cause instanceof SyntaxError);
		return true;
	});
});

test('a JSON file cut short says it ends too early', async (t) => {
	const dir = await makeTempDir(t);
	const file = path.join(dir, 'cut.json');
	await writeFile(file, '{"version": 1, "classes": [');
	await assert.rejects(jsonFileAdapter(file).read(), /is not valid JSON \(it ends too early\)/);
});
