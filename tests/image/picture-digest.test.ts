import assert from 'node:assert/strict';
import test from 'node:test';
import sharp from 'sharp';
import {pictureDigest} from '../../source/image/picture-digest.js';

const noise = (mean: number) =>
	sharp({
		create: {
			width: 48,
			height: 32,
			channels: 3,
			background: {r: 0, g: 0, b: 0},
			noise: {type: 'gaussian', mean, sigma: 60},
		},
	});

test('a JPEG keeps its picture digest with bytes appended or EXIF and comments changed', async () => {
	const raw = await noise(80).raw().toBuffer({resolveWithObject: true});
	const fromRaw = () => sharp(raw.data, {raw: raw.info});
	const plain = await fromRaw().jpeg({quality: 70}).toBuffer();
	const tagged = await fromRaw()
		.jpeg({quality: 70})
		.withExif({IFD0: {Copyright: 'someone', ImageDescription: 'a holiday'}})
		.toBuffer();
	const digest = pictureDigest(plain);
	assert.match(digest ?? '', /^[0-9a-f]{40}:1$/);
	assert.equal(pictureDigest(Buffer.concat([plain, Buffer.from('#123')])), digest);
	assert.equal(pictureDigest(tagged), digest);
	assert.notEqual(Buffer.compare(plain, tagged), 0);
	// What changes the pixels changes the digest: another quality, another orientation, a cut.
	assert.notEqual(pictureDigest(await fromRaw().jpeg({quality: 71}).toBuffer()), digest);
	const turned = await fromRaw().jpeg({quality: 70}).withMetadata({orientation: 6}).toBuffer();
	assert.match(pictureDigest(turned) ?? '', /:6$/);
	assert.equal(pictureDigest(plain.subarray(0, plain.length - 40)), undefined);
});

test('a PNG keeps its picture digest when text chunks differ, and not when pixels do', async () => {
	const base = await noise(90).png().toBuffer();
	const withText = insertText(base, 'Comment', 'a note');
	assert.equal(pictureDigest(withText), pictureDigest(base));
	assert.notEqual(pictureDigest(base), undefined);
	assert.notEqual(pictureDigest(await noise(91).png().toBuffer()), pictureDigest(base));
	assert.equal(pictureDigest(Buffer.from('not an image')), undefined);
});

/** A tEXt chunk put right after IHDR (its CRC is not checked by the digest). */
function insertText(png: Buffer, key: string, value: string): Buffer {
	const body = Buffer.from(`${key}\0${value}`, 'latin1');
	const chunk = Buffer.alloc(12 + body.length);
	chunk.writeUInt32BE(body.length, 0);
	chunk.write('tEXt', 4, 'latin1');
	body.copy(chunk, 8);
	const afterHeader = 8 + 12 + png.readUInt32BE(8);
	return Buffer.concat([png.subarray(0, afterHeader), chunk, png.subarray(afterHeader)]);
}

/** A marker segment: FF, marker, 16-bit length (counting itself), body. */
const segment = (marker: number, body: number[]) => [
	0xff,
	marker,
	(body.length + 2) >> 8,
	(body.length + 2) & 0xff,
	...body,
];

test('a scan runs past stuffed bytes and restart markers to the next real marker', () => {
	// SOI, a frame header (8 × 8, one component), a scan header, entropy data with a stuffed FF00
	// and a restart marker FFD3, then EOI. Not decodable, but laid out as a JPEG is.
	const frame = segment(0xc0, [8, 0, 8, 0, 8, 1, 1, 0x11, 0]);
	const scan = segment(0xda, [1, 1, 0, 0, 63, 0]);
	const file = (late: number, extra: number[] = []) =>
		Uint8Array.from([
			0xff,
			0xd8,
			...extra,
			...frame,
			...scan,
			...[0x12, 0xff, 0x00, 0x34, 0xff, 0xd3, 0x56, late],
			0xff,
			0xd9,
		]);
	const digest = pictureDigest(file(0x78));
	assert.match(digest ?? '', /^[0-9a-f]{40}:1$/);
	assert.notEqual(pictureDigest(file(0x79)), digest, 'a byte after the restart marker counts');
	assert.equal(
		pictureDigest(file(0x78, segment(0xfe, [0x61, 0x62]))),
		digest,
		'a comment does not',
	);
	// A scan whose data never reaches a marker has no end: no digest.
	assert.equal(pictureDigest(file(0x78).subarray(0, -2)), undefined);
});
