import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {copyFile, mkdir, stat, writeFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {serializeRecord} from '../../source/core/journal-parse.js';
import type {JournalRecord} from '../../source/core/journal-record.js';
import {journalPath} from '../../source/store/paths.js';
import {resolveProject} from '../../source/store/project-config.js';
import {samplesDir, tempFolder} from '../helpers/commit-fixture.js';
import {cliPath} from '../helpers/pty-session.js';

const user = 'tester';
const time = '2026-11-25T10:00:00.000Z';

test('commit from a script prints a failed file by its whole escaped path, never cut', async (t) => {
	const dir = await tempFolder(t);
	const name = `${'holiday photos from the summer of 2019 '.repeat(3).trim()}/IMG 1\t9.jpg`;
	await mkdir(path.dirname(path.join(dir, name)), {recursive: true});
	await copyFile(path.join(samplesDir, 'img_0001.jpg'), path.join(dir, name));
	await resolveProject(
		dir,
		{classes: ['photo', 'screenshot']},
		{out: 'labeled', order: 'path', seed: 1, user},
	);
	const {size, mtimeMs} = await stat(path.join(dir, name));
	const record: JournalRecord = {
		v: 1,
		seq: 1,
		time,
		op: 'decide',
		path: name,
		size,
		mtimeMs,
		label: 'photo',
		ms: 9,
		via: 'key',
	};
	await mkdir(path.dirname(journalPath(dir, user)), {recursive: true});
	await writeFile(journalPath(dir, user), serializeRecord(record));
	// The class folder's place is taken by a file: the move fails and is reported.
	await mkdir(path.join(dir, 'labeled'), {recursive: true});
	await writeFile(path.join(dir, 'labeled', 'photo'), 'not a folder');

	const run = spawnSync(process.execPath, [cliPath, 'commit', dir, '--user', user], {
		encoding: 'utf8',
		env: {...process.env, COLUMNS: '20'},
	});
	assert.equal(run.status, 1, run.stderr);
	const escaped = name.replace('\t', '\\t');
	assert.ok(
		run.stdout.includes(`Failed: ${escaped} (photo)`),
		`the whole path, escaped: ${run.stdout}`,
	);
});
