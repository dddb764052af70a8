import assert from 'node:assert/strict';
import {writeFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {pathToFileURL} from 'node:url';
import {manifestItems} from '../../source/sources/manifest-source.js';
import {makeTempDir} from '../helpers/temp-dir.js';

test('a manifest lists items in its order; remote, outside and broken lines are reported', async (t) => {
	const root = await makeTempDir(t);
	const dir = path.join(root, 'data');
	const manifest = path.join(root, 'input.manifest');
	const lines = [
		JSON.stringify({'source-ref': 'data/b/two.jpg'}),
		JSON.stringify({'source-ref': pathToFileURL(path.join(dir, 'a', 'one.png')).href}),
		JSON.stringify({'source-ref': 's3://bucket/x.jpg'}),
		JSON.stringify({'source-ref': path.join(root, 'elsewhere.jpg')}),
		JSON.stringify({source: 'a line of text'}),
		'{"source-ref": ',
		JSON.stringify({'source-ref': path.join(dir, 'zero.jpg')}),
	];
	await writeFile(manifest, `${lines.join('\n')}\n`);
	const problems: string[] = [];
	const items: string[] = [];
	for await (const batch of manifestItems(manifest, dir, (item, reason) =>
		problems.push(`${item}: ${reason}`),
	)) {
		items.push(...batch);
	}

	assert.deepEqual(items, ['b/two.jpg', 'a/one.png', 'zero.jpg']);
	assert.equal(problems.length, 4);
	assert.match(problems[0] ?? '', /s3:\/\/bucket\/x\.jpg: is an S3 object; label its prefix/);
	assert.match(problems[1] ?? '', /elsewhere\.jpg: is outside/);
	assert.match(problems[2] ?? '', /input\.manifest:5: has no "source-ref"/);
	assert.match(problems[3] ?? '', /input\.manifest:6:\d+: is not valid JSON/);
});
