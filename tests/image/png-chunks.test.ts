import assert from 'node:assert/strict';
import test from 'node:test';
import {findPngProblem, hasPngSignature} from '../../source/image/png-chunks.js';
import {pngChunkOffset, samplePng, withBadIdatCrc} from '../helpers/check-files.js';

test('a sound PNG has no problem', async () => {
	const png = await samplePng();
	assert.ok(hasPngSignature(png));
	assert.equal(findPngProblem(png), undefined);
});

test('a damaged IDAT byte is a CRC failure in IDAT, at that chunk', async () => {
	const png = await samplePng();
	const problem = findPngProblem(withBadIdatCrc(png));
	assert.deepEqual(problem, {kind: 'bad-crc', chunk: 'IDAT', offset: pngChunkOffset(png, 'IDAT')});
});

test('a PNG cut inside a chunk, or before IEND, is truncated', async () => {
	const png = await samplePng();
	const idat = pngChunkOffset(png, 'IDAT');
	assert.deepEqual(findPngProblem(png.subarray(0, idat + 20)), {
		kind: 'truncated',
		chunk: 'IDAT',
		offset: idat,
	});
	const iend = pngChunkOffset(png, 'IEND');
	assert.deepEqual(findPngProblem(png.subarray(0, iend)), {
		kind: 'truncated',
		chunk: undefined,
		offset: iend,
	});
	assert.equal(hasPngSignature(Buffer.from('GIF89a')), false);
});
