import assert from 'node:assert/strict';
import {readFile, writeFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {runExportRequest} from '../../source/app/export-run.js';
import {copySamples, journalRecordsIn, removeFolder} from '../helpers/dataset.js';
import {startCli} from '../helpers/pty-session.js';
import {makeTempDir} from '../helpers/temp-dir.js';

const showing = (name: string) => (screen: string) => screen.includes(name);

test('label --manifest shows the listed images in manifest order, and a gt export chains onto it', async (t) => {
	const dir = await copySamples();
	t.after(async () => removeFolder(dir));
	const folder = await makeTempDir(t);
	const manifest = path.join(folder, 'input.manifest');
	const listed = ['img_0030.jpg', 'img_0002.jpg', 'img_0021.jpg'];
	const lines = [
		...listed.map((name, index) => ({'source-ref': path.join(dir, name), 'batch-id': `b${index}`})),
		{'source-ref': 's3://amzn-s3-demo-bucket/img_0003.jpg', 'batch-id': 'b3'},
	];
	await writeFile(manifest, lines.map((line) => `${JSON.stringify(line)}\n`).join(''));
	const cli = startCli([
		'label',
		dir,
		'--classes',
		'photo,screenshot',
		'--user',
		'ann',
		'--manifest',
		manifest,
		'--no-commit-on-exit',
	]);
	await cli.waitFor(showing('img_0030.jpg'), 'the first listed image');
	await cli.waitFor((screen) => /\b0\/3 decided/.test(screen), 'three images, not the folder');
	cli.write('1');
	await cli.waitFor(showing('img_0002.jpg'), 'the second listed image');
	cli.write('1');
	await cli.waitFor(showing('img_0021.jpg'), 'the third listed image');
	cli.write('2');
	await cli.waitFor((screen) => /\b3\/3 decided/.test(screen), 'all three decided');
	cli.write('q');
	const {exitCode} = await cli.exited;
	assert.equal(exitCode, 0, cli.output().slice(-2000));
	const decided = (await journalRecordsIn(dir)).filter((record) => record['op'] === 'decide');
	assert.deepEqual(
		decided.map((record) => record['path']),
		listed,
	);

	const target = path.join(folder, 'output.manifest');
	await runExportRequest({dir, format: 'gt', to: target});
	const output = (await readFile(target, 'utf8'))
		.trimEnd()
		.split('\n')
		.map((line) => JSON.parse(line) as Record<string, unknown>);
	assert.equal(output.length, lines.length);
	for (const [index, line] of output.entries()) {
		assert.equal(line['batch-id'], `b${index}`, 'line order and keys kept');
	}

	assert.deepEqual(
		output.map(
			(line) => (line['label-metadata'] as {'class-name'?: string} | undefined)?.['class-name'],
		),
		['photo', 'photo', 'screenshot', undefined],
	);
});
