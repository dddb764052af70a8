import assert from 'node:assert/strict';
import {copyFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import sharp from 'sharp';
import {thumbnailDifference} from '../../source/image/near-match.js';
import {nearThumbnail} from '../../source/image/near-thumbnail.js';
import {hammingDistance, imageHashes} from '../../source/image/perceptual-hash.js';
import {checkAndReport} from '../helpers/check-fixture.js';
import {samplesFolder} from '../helpers/dataset.js';
import {makeTempDir} from '../helpers/temp-dir.js';

// Two real screenshots of one shop template: same header, stars, button and dark background;
// different product thumbnail and review text. Their hashes are as close as true copies'.
const first = 'img_0032.png';
const sibling = 'img_0040.png';

test('two screenshots of one template are not near duplicates; a resized copy of one is', async (t) => {
	const dir = await makeTempDir(t, 'imgsift-template-');
	await copyFile(path.join(samplesFolder, first), path.join(dir, 'a-review.png'));
	await copyFile(path.join(samplesFolder, sibling), path.join(dir, 'b-review.png'));
	await sharp(path.join(samplesFolder, first))
		.resize({width: 500})
		.jpeg({quality: 70})
		.toFile(path.join(dir, 'c-review-small.jpg'));

	const [one, other] = await Promise.all(
		['a-review.png', 'b-review.png'].map((name) => imageHashes(path.join(dir, name))),
	);
	assert.ok(one && other);
	assert.ok(
		hammingDistance(one.dhash, other.dhash) <= 10,
		'the old rule (dHash ≤ 10) grouped them',
	);
	assert.ok(hammingDistance(one.phash, other.phash) <= 12, 'pHash alone cannot tell them apart');

	const report = await checkAndReport(dir);
	assert.deepEqual(
		report.nearGroups.map((group) => [
			group.representative,
			group.members.map((member) => member.path),
		]),
		[['a-review.png', ['a-review.png', 'c-review-small.jpg']]],
	);
	const copy = report.nearGroups[0]?.members[1];
	assert.ok(copy !== undefined && copy.difference <= report.settings.nearMaxDifference);
	const report2 = report.files.find((file) => file.path === 'b-review.png');
	assert.equal(report2?.nearGroup, undefined, 'the sibling screenshot is in no group');
});

test('the thumbnail test scores a brightness change and a 3% crop as close, a sibling as far', async () => {
	const source = path.join(samplesFolder, first);
	const {width = 0, height = 0} = await sharp(source).metadata();
	const original = await nearThumbnail(source);
	const brighter = await nearThumbnail(
		await sharp(source).modulate({brightness: 1.1}).jpeg().toBuffer(),
	);
	const cropped = await nearThumbnail(
		await sharp(source)
			.extract({
				left: Math.round(width * 0.03),
				top: Math.round(height * 0.03),
				width: Math.round(width * 0.94),
				height: Math.round(height * 0.94),
			})
			.png()
			.toBuffer(),
	);
	const other = await nearThumbnail(path.join(samplesFolder, sibling));
	const limit = 6;
	assert.ok(thumbnailDifference(original, brighter) <= limit, 'brighter');
	assert.ok(thumbnailDifference(original, cropped) <= limit, 'cropped');
	assert.ok(thumbnailDifference(original, other) > limit, 'the sibling');
});
