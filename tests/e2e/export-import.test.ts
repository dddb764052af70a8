import assert from 'node:assert/strict';
import {spawn, spawnSync} from 'node:child_process';
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {freshSamples, labeledSamples} from '../helpers/labeled-dataset.js';
import {cliPath} from '../helpers/pty-session.js';
import {makeTempDir} from '../helpers/temp-dir.js';

const run = (...args: string[]) =>
	spawnSync(process.execPath, [cliPath, ...args], {encoding: 'utf8'});

test('imgsift export then imgsift import: the commands move labels between two copies', async (t) => {
	const {dir} = await labeledSamples(t);
	const target = path.join(await makeTempDir(t), 'out.manifest');
	const exported = run('export', dir, '--format', 'gt', '--to', target, '--attribute', 'kind');
	assert.equal(exported.status, 0, exported.stderr);
	assert.match(exported.stdout, /^Wrote \d+ labeled item\(s\) as gt to .*out\.manifest\n$/);
	assert.match(
		await readFile(target, 'utf8'),
		/"kind-metadata":\{"class-name":"(photo|screenshot)"/,
	);

	const again = run('export', dir, '--format', 'gt', '--to', target);
	assert.equal(again.status, 1);
	assert.match(again.stderr, /already exists\. Give another --to, or add --force/);

	const fresh = await freshSamples(t);
	const imported = run('import', target, '--format', 'gt', fresh, '--user', 'carol');
	assert.equal(imported.status, 0, imported.stderr);
	assert.match(
		imported.stdout,
		/Matched by path \d+, by file name 0, by content 0; 0 unmatched, 0 refused\./,
	);
	const status = run('status', fresh, '--user', 'carol', '--json');
	const report = JSON.parse(status.stdout) as {decided: number};
	assert.ok(report.decided > 40);
});

test('usage errors: an unknown format and --symlink with --copy exit 2 with a message', () => {
	const unknown = run('export', '.', '--format', 'coco');
	assert.equal(unknown.status, 2);
	assert.match(unknown.stderr, /Invalid values:[\s\S]*coco/);
	const both = run('export', '.', '--format', 'imagefolder', '--symlink', '--copy');
	assert.equal(both.status, 2);
	assert.match(both.stderr, /mutually exclusive/);
});

test('import into a folder a live session holds is refused with who holds it', async (t) => {
	const {dir} = await labeledSamples(t);
	const file = path.join(await makeTempDir(t), 'labels.csv');
	const {writeFile} = await import('node:fs/promises');
	await writeFile(file, 'path,label\nimg_0001.jpg,screenshot\n');
	// A second process holds alice's lock, as her labeling session would.
	const holder = spawn(
		process.execPath,
		[
			'--input-type=module',
			'-e',
			`const {acquireLock} = await import(${JSON.stringify(new URL('../../source/ledger/files/lock.js', import.meta.url).href)});
			const {userLockPath} = await import(${JSON.stringify(new URL('../../source/ledger/files/user-journal.js', import.meta.url).href)});
			await acquireLock(${JSON.stringify(path.join(dir, '.labels'))}, 'alice', {file: userLockPath(${JSON.stringify(dir)}, 'alice')});
			process.stdout.write('locked\\n');
			setInterval(() => {}, 1000);`,
		],
		{stdio: ['ignore', 'pipe', 'inherit']},
	);
	t.after(() => holder.kill());
	await new Promise<void>((resolve) => {
		holder.stdout.on('data', (chunk: Buffer) => {
			if (chunk.toString().includes('locked')) {
				resolve();
			}
		});
	});
	const refused = run(
		'import',
		file,
		'--format',
		'csv',
		dir,
		'--prefer',
		'import',
		'--user',
		'alice',
	);
	assert.equal(refused.status, 1);
	assert.match(refused.stderr, new RegExp(`is being labeled by pid ${holder.pid}`));
});
