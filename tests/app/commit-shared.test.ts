import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {access, mkdir, stat, writeFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import type {DecideRecord} from '../../source/core/journal-record.js';
import {copySamples, removeFolder} from '../helpers/dataset.js';
import {cliPath} from '../helpers/pty-session.js';

async function vote(dir: string, seq: number, item: string, label: string): Promise<DecideRecord> {
	const found = await stat(path.join(dir, item));
	return {
		v: 1,
		seq,
		time: new Date(Date.UTC(2026, 11, 4, 10, 0, seq)).toISOString(),
		op: 'decide',
		path: item,
		size: found.size,
		mtimeMs: found.mtimeMs,
		label,
		ms: 500,
		via: 'key',
	};
}

const exists = async (file: string) =>
	access(file).then(
		() => true,
		() => false,
	);

test('commit moves what only its user decided and leaves images another person voted on', async (t) => {
	const dir = await copySamples('imgsift-shared-');
	t.after(async () => removeFolder(dir));
	await mkdir(path.join(dir, '.labels', 'journal'), {recursive: true});
	await writeFile(
		path.join(dir, '.labels', 'project.json'),
		JSON.stringify({
			version: 1,
			classes: ['photo', 'screenshot'],
			out: 'labeled',
			order: 'path',
			seed: 1,
			user: 'ann',
			createdAt: '2026-12-04T10:00:00.000Z',
		}),
	);
	const ann = [
		await vote(dir, 1, 'img_0001.jpg', 'photo'),
		await vote(dir, 2, 'img_0002.jpg', 'photo'),
	];
	// bea voted on img_0002 too (overlap mode): its final label is the team's, not ann's.
	const bea = [await vote(dir, 1, 'img_0002.jpg', 'screenshot')];
	const lines = (records: DecideRecord[]) => records.map((r) => `${JSON.stringify(r)}\n`).join('');
	await writeFile(path.join(dir, '.labels', 'journal', 'ann.jsonl'), lines(ann));
	await writeFile(path.join(dir, '.labels', 'journal', 'bea.jsonl'), lines(bea));

	const result = spawnSync(process.execPath, [cliPath, 'commit', dir, '--user', 'ann'], {
		encoding: 'utf8',
	});
	assert.equal(result.status, 0, result.stderr);
	assert.match(result.stdout, /1 image another person also voted on stayed in place/);
	assert.equal(await exists(path.join(dir, 'labeled', 'photo', 'img_0001.jpg')), true);
	assert.equal(await exists(path.join(dir, 'img_0002.jpg')), true);
	assert.equal(await exists(path.join(dir, 'labeled', 'photo', 'img_0002.jpg')), false);
});
