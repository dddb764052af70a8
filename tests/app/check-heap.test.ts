import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {mkdir, readFile, writeFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {promisify} from 'node:util';
import sharp from 'sharp';
import {cliPath as checkCli} from '../helpers/pty-session.js';
import {makeTempDir} from '../helpers/temp-dir.js';

/** Loaded into the check's process: the largest the young generation got, written at exit. */
const watcher = `
import v8 from 'node:v8';
import {writeFileSync} from 'node:fs';
let peak = 0;
const look = () => {
	const space = v8.getHeapSpaceStatistics().find((each) => each.space_name === 'new_space');
	peak = Math.max(peak, space?.space_size ?? 0);
};
setInterval(look, 10).unref();
process.on('exit', () => { look(); writeFileSync(process.env.NEW_SPACE_OUT, String(peak)); });
`;

async function peakNewSpaceMiB(dir: string, heap: 'default' | 'kept'): Promise<number> {
	const out = path.join(dir, `new-space-${heap}`);
	const preload = path.join(dir, 'watch.mjs');
	await writeFile(preload, watcher);
	await promisify(execFile)(
		process.execPath,
		['--import', preload, checkCli, 'check', path.join(dir, 'set'), '--json'],
		{
			env: {...process.env, NEW_SPACE_OUT: out, IMGSIFT_HEAP: heap},
			maxBuffer: 64 * 1024 * 1024,
		},
	).catch((error: {code?: number}) => {
		if (error.code !== 1) throw error; // 1: the copies are reported as problems.
	});
	return Number(await readFile(out, 'utf8')) / 1024 / 1024;
}

test('check keeps V8 young generation small from before its modules load', async (t) => {
	const dir = await makeTempDir(t);
	const jpeg = await sharp({create: {width: 48, height: 32, channels: 3, background: '#468'}})
		.jpeg()
		.toBuffer();
	for (let folder = 0; folder < 15; folder++) {
		const day = path.join(dir, 'set', `day-${folder}`);
		await mkdir(day, {recursive: true});
		for (let index = 0; index < 100; index++) {
			// Distinct files (bytes after the end marker), one picture: cheap to check.
			await writeFile(
				path.join(day, `${index}.jpg`),
				Buffer.concat([jpeg, Buffer.from(`#${folder}-${index}`)]),
			);
		}
	}

	const grown = await peakNewSpaceMiB(dir, 'default');
	const kept = await peakNewSpaceMiB(dir, 'kept');
	assert.ok(grown >= 8, `V8's own sizing grows it on 1,500 files (${grown} MiB)`);
	assert.ok(kept <= 4, `check keeps it at most 4 MiB (${kept} MiB)`);
});
