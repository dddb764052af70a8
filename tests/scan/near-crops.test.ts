import assert from 'node:assert/strict';
import {copyFile, writeFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import sharp from 'sharp';
import {nearMaxDifference, thumbnailDifference} from '../../source/image/near-match.js';
import {nearThumbnail} from '../../source/image/near-thumbnail.js';
import {hammingDistance, imageHashes} from '../../source/image/perceptual-hash.js';
import {NearCandidateSet, nearHashesOf} from '../../source/scan/near-candidates.js';
import {checkAndReport} from '../helpers/check-fixture.js';
import {samplesFolder} from '../helpers/dataset.js';
import {makeTempDir} from '../helpers/temp-dir.js';

/** 3% off every side, saved as a JPEG: what bench/near-dup-set.ts calls a small crop. */
async function cropped(name: string): Promise<Buffer> {
	const source = path.join(samplesFolder, name);
	const {width = 0, height = 0} = await sharp(source).metadata();
	const left = Math.round(width * 0.03);
	const top = Math.round(height * 0.03);
	return sharp(source)
		.extract({left, top, width: width - 2 * left, height: height - 2 * top})
		.jpeg({quality: 90})
		.toBuffer();
}

// A photo whose plain pHash moves 22 bits when 3% is cut from every side.
const movedPhoto = 'img_0010.jpg';

test('check groups a 3% crop with its original even when their pHashes are 22 bits apart', async (t) => {
	const dir = await makeTempDir(t, 'imgsift-crop-');
	await copyFile(path.join(samplesFolder, movedPhoto), path.join(dir, 'a.jpg'));
	await writeFile(path.join(dir, 'b-cropped.jpg'), await cropped(movedPhoto));
	const [whole, crop] = await Promise.all(
		['a.jpg', 'b-cropped.jpg'].map((name) => imageHashes(path.join(dir, name))),
	);
	assert.ok(whole && crop);
	assert.ok(hammingDistance(whole.phash, crop.phash) > 12, 'the plain pHashes are far apart');

	const report = await checkAndReport(dir);
	assert.deepEqual(
		report.nearGroups.map((group) => group.members.map((member) => member.path)),
		[['a.jpg', 'b-cropped.jpg']],
	);
	assert.ok((report.nearGroups[0]?.members[1]?.distance ?? 99) <= 12);
});

test('the label screen finds the same crop by the same rule (centre hash against pHash)', async () => {
	const whole = nearHashesOf(await imageHashes(path.join(samplesFolder, movedPhoto)));
	const crop = nearHashesOf(await imageHashes(await cropped(movedPhoto)));
	assert.ok(whole && crop);
	const set = new NearCandidateSet<string>();
	set.set('whole', whole);
	set.set('crop', crop);
	const nearCrop: string[] = [];
	set.near(crop, 12, (key) => nearCrop.push(key));
	const nearWhole: string[] = [];
	set.near(whole, 12, (key) => nearWhole.push(key));
	assert.deepEqual(nearCrop.sort(), ['crop', 'whole'], 'the crop finds its original');
	assert.deepEqual(nearWhole.sort(), ['crop', 'whole'], 'the original finds its crop');
});

// Textured photos whose crops scored 8.5 to 11.4 when the crop was only a resampled thumbnail.
for (const name of ['img_0015.jpg', 'img_0016.jpg', 'img_0018.jpg']) {
	test(`the thumbnail test scores a 3% crop of ${name} as near`, async () => {
		const original = await nearThumbnail(path.join(samplesFolder, name));
		const crop = await nearThumbnail(await cropped(name));
		const score = thumbnailDifference(original, crop);
		assert.ok(score <= nearMaxDifference, `scored ${score.toFixed(2)}`);
		assert.ok(thumbnailDifference(crop, original) <= nearMaxDifference, 'either way round');
	});
}
