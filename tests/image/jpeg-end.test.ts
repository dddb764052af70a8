import assert from 'node:assert/strict';
import {writeFile} from 'node:fs/promises';
import path from 'node:path';
import {test} from 'node:test';
import {jpegLacksEnd, readTail} from '../../source/image/sniff.js';
import {makeTempDir} from '../helpers/temp-dir.js';

const soi = [0xff, 0xd8, 0xff, 0xe0];

test('a JPEG without FF D9 near its end lacks its end; one with it, or trailing bytes after it, does not', () => {
	const head = Uint8Array.from(soi);
	assert.equal(jpegLacksEnd(head, Uint8Array.from([1, 2, 3, 0xff])), true);
	assert.equal(jpegLacksEnd(head, Uint8Array.from([1, 2, 0xff, 0xd9])), false);
	assert.equal(jpegLacksEnd(head, Uint8Array.from([0xff, 0xd9, 0, 0, 0])), false);
	assert.equal(
		jpegLacksEnd(Uint8Array.from([0x89, 0x50]), Uint8Array.from([1, 2])),
		false,
		'not a JPEG',
	);
});

test('readTail returns the last bytes of a file, all of a short one', async (t) => {
	const dir = await makeTempDir(t);
	const long = path.join(dir, 'long.bin');
	await writeFile(
		long,
		Uint8Array.from({length: 200}, (_, index) => index),
	);
	const tail = await readTail(long, 4);
	assert.deepEqual([...tail], [196, 197, 198, 199]);
	const short = path.join(dir, 'short.bin');
	await writeFile(short, Uint8Array.from([7, 8]));
	assert.deepEqual([...(await readTail(short))], [7, 8]);
});
