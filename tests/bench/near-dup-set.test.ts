import assert from 'node:assert/strict';
import {access, copyFile, mkdir, readFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {sampleImagesFolder} from '../../bench/near-dup-set.js';
import {samplesFolder} from '../helpers/dataset.js';
import {makeTempDir} from '../helpers/temp-dir.js';

// `npm run bench` reads the bundled samples, whose images sit beside truth.json (../shared/samples
// keeps them in images/); it stopped with ENOENT once its cached set was gone.
test('the near-duplicate set finds every sample image in either samples layout', async (t) => {
	const truth = JSON.parse(
		await readFile(path.join(samplesFolder, 'truth.json'), 'utf8'),
	) as Record<string, string>;
	const bundled = await sampleImagesFolder(samplesFolder);
	assert.equal(path.resolve(bundled), path.resolve(samplesFolder));
	for (const name of Object.keys(truth)) await access(path.join(bundled, name));

	const shared = await makeTempDir(t);
	await mkdir(path.join(shared, 'images'));
	await copyFile(path.join(samplesFolder, 'truth.json'), path.join(shared, 'truth.json'));
	assert.equal(await sampleImagesFolder(shared), path.join(shared, 'images'));
});
