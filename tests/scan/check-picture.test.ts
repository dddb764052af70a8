import assert from 'node:assert/strict';
import {writeFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import sharp from 'sharp';
import {checkFolder} from '../../source/scan/check.js';
import {makeTempDir} from '../helpers/temp-dir.js';

test('check gives re-tagged copies of one JPEG one picture digest, and another JPEG another', async (t) => {
	const dir = await makeTempDir(t, 'imgsift-picture-');
	const noise = (mean: number) =>
		sharp({
			create: {
				width: 40,
				height: 30,
				channels: 3,
				background: '#000',
				noise: {type: 'gaussian', mean, sigma: 50},
			},
		})
			.jpeg()
			.toBuffer();
	const [first, second] = await Promise.all([noise(60), noise(120)]);
	await writeFile(path.join(dir, 'a.jpg'), first);
	await writeFile(path.join(dir, 'b.jpg'), Buffer.concat([first, Buffer.from('appended')]));
	await writeFile(path.join(dir, 'c.jpg'), second);
	const run = await checkFolder({dir, ignore: [], maxPixels: 1e8, cacheFile: false});
	const picture = Object.fromEntries(run.files.map((file) => [file.path, file.picture]));
	assert.match(picture['a.jpg'] ?? '', /^[0-9a-f]{40}:1$/);
	assert.equal(picture['b.jpg'], picture['a.jpg']);
	assert.notEqual(picture['c.jpg'], picture['a.jpg']);
	assert.notEqual(run.files[0]?.sha1, run.files[1]?.sha1);
});
