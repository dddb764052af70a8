import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {appendFile, mkdir, stat} from 'node:fs/promises';
import path from 'node:path';
import test, {type TestContext} from 'node:test';
import {serializeRecord} from '../../source/core/journal-parse.js';
import {readJournalFile} from '../../source/ledger/files/journal-file.js';
import {journalPath} from '../../source/store/paths.js';
import {resolveProject} from '../../source/store/project-config.js';
import {placeFiles, tempFolder} from '../helpers/commit-fixture.js';
import {inventory} from '../helpers/dataset.js';
import {decideRecord} from '../helpers/journal-records.js';
import {cliPath} from '../helpers/pty-session.js';

const user = 'tester';

/**
A dataset labeled in a session before the loop's checks existed: a.jpg and its exact copy b.jpg
were decided one by one, as two images, and nothing journaled them as copies.
*/
async function labeledApart(t: TestContext, labels: Readonly<Record<string, string>>) {
	const dir = await tempFolder(t);
	await placeFiles(dir, {
		'a.jpg': 'img_0001.jpg',
		'b.jpg': 'img_0045.jpg',
		'c.jpg': 'img_0021.jpg',
	});
	const defaults = {out: 'labeled', order: 'path' as const, seed: 1, user};
	await resolveProject(dir, {classes: ['photo', 'screenshot']}, defaults);
	await mkdir(path.dirname(journalPath(dir, user)), {recursive: true});
	const decide = async (decisions: Readonly<Record<string, string>>) => {
		// After the records a commit appended (its moves).
		let seq = (await readJournalFile(journalPath(dir, user))).records.at(-1)?.seq ?? 0;
		for (const [name, label] of Object.entries(decisions)) {
			const {size, mtimeMs} = await stat(path.join(dir, name));
			const record = decideRecord(++seq, {path: name, size, mtimeMs, label});
			await appendFile(journalPath(dir, user), serializeRecord(record));
		}
	};

	await decide(labels);
	return {dir, decide};
}

function commit(dir: string) {
	const run = spawnSync(process.execPath, [cliPath, 'commit', dir], {encoding: 'utf8'});
	return {code: run.status, output: `${run.stdout}${run.stderr}`};
}

test('imgsift commit keeps exact copies decided apart out of the class folder', async (t) => {
	const {dir} = await labeledApart(t, {'a.jpg': 'photo', 'b.jpg': 'photo', 'c.jpg': 'screenshot'});
	const before = await inventory(dir);
	const run = commit(dir);
	assert.equal(run.code, 0, run.output);
	assert.match(run.output, /Moved 3 files/);
	const after = await inventory(dir);
	assert.deepEqual([...after.keys()].sort(), [
		path.join('labeled', '_duplicates', 'photo', 'b.jpg'),
		path.join('labeled', 'photo', 'a.jpg'),
		path.join('labeled', 'screenshot', 'c.jpg'),
	]);
	assert.deepEqual([...after.values()].sort(), [...before.values()].sort(), 'nothing lost');
});

test('imgsift commit leaves copies with different labels in place until decided alike', async (t) => {
	const {dir, decide} = await labeledApart(t, {
		'a.jpg': 'photo',
		'b.jpg': 'screenshot',
		'c.jpg': 'screenshot',
	});
	const run = commit(dir);
	assert.equal(run.code, 1, run.output);
	assert.match(
		run.output,
		/a\.jpg and b\.jpg are the same image but labeled photo and screenshot; decide again/,
	);
	assert.match(
		run.output,
		/Moved 1 file into class folders \(\w+ 1\); 2 not moved \(details above\)\./,
	);
	assert.deepEqual([...(await inventory(dir)).keys()].sort(), [
		'a.jpg',
		'b.jpg',
		path.join('labeled', 'screenshot', 'c.jpg'),
	]);

	// Decided again, alike: the next commit moves both, the copy apart.
	await decide({'b.jpg': 'photo'});
	const again = commit(dir);
	assert.equal(again.code, 0, again.output);
	assert.deepEqual([...(await inventory(dir)).keys()].sort(), [
		path.join('labeled', '_duplicates', 'photo', 'b.jpg'),
		path.join('labeled', 'photo', 'a.jpg'),
		path.join('labeled', 'screenshot', 'c.jpg'),
	]);
});
