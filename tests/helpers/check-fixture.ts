import path from 'node:path';
import {buildCheckReport, type CheckReport} from '../../source/formats/check-report.js';
import {checkFolder} from '../../source/scan/check.js';
import {
	copySample,
	resizedRecompressed,
	samplePhoto,
	samplePng,
	truncated,
	withBadIdatCrc,
	writeBytes,
} from './check-files.js';
import {writePngHeaderOnly} from './image-files.js';

/** What each file of `makeCheckFolder` should be reported as. */
export const expectedStatus: Readonly<Record<string, string>> = {
	'photos/original.jpg': 'ok',
	'photos/saved-twice.jpg': 'duplicate',
	'photos/near/small.jpg': 'ok',
	'photos/near/recompressed.jpg': 'ok',
	'photos/other-1.jpg': 'ok',
	'photos/other-2.jpg': 'ok',
	'broken/cut-10.jpg': 'truncated',
	'broken/cut-50.jpg': 'truncated',
	'broken/cut-99.jpg': 'truncated',
	'broken/cut.png': 'truncated',
	'broken/bad-crc.png': 'corrupt',
	'broken/bomb.png': 'too-many-pixels',
	'broken/page.jpg': 'not-an-image',
	'broken/empty.jpg': 'empty',
	'broken/phone.heic': 'unsupported-format',
	'notes.txt': 'not-an-image',
};

/**
A dataset with every kind of file the check tells apart: a photo, an exact copy, a resized and a
recompressed near copy, two different photos, JPEGs cut at 10/50/99%, a cut PNG, a PNG with a bad
CRC, a 30000×30000 header-only PNG, HTML named .jpg, an empty file, a HEIC header, a text file;
plus files the walk must not see (output folder, `.labels`, a hidden file).
*/
export async function makeCheckFolder(dir: string): Promise<void> {
	const photo = await samplePhoto();
	const png = await samplePng();
	const at = (relative: string) => path.join(dir, ...relative.split('/'));
	await writeBytes(at('photos/original.jpg'), photo);
	await writeBytes(at('photos/saved-twice.jpg'), photo);
	await writeBytes(
		at('photos/near/small.jpg'),
		await resizedRecompressed(photo, {width: 500, quality: 70}),
	);
	await writeBytes(
		at('photos/near/recompressed.jpg'),
		await resizedRecompressed(photo, {width: 1200, quality: 35}),
	);
	await copySample('img_0005.jpg', at('photos/other-1.jpg'));
	await copySample('img_0012.jpg', at('photos/other-2.jpg'));
	for (const percent of [10, 50, 99]) {
		await writeBytes(at(`broken/cut-${percent}.jpg`), truncated(photo, percent / 100));
	}

	await writeBytes(at('broken/cut.png'), truncated(png, 0.6));
	await writeBytes(at('broken/bad-crc.png'), withBadIdatCrc(png));
	await writePngHeaderOnly(at('broken/bomb.png'), {width: 30_000, height: 30_000});
	await writeBytes(at('broken/page.jpg'), '<!DOCTYPE html><html><body>Not found</body></html>\n');
	await writeBytes(at('broken/empty.jpg'), '');
	await writeBytes(
		at('broken/phone.heic'),
		Buffer.concat([
			Buffer.from([0, 0, 0, 24]),
			Buffer.from('ftypheic\0\0\0\0mif1heic'),
			Buffer.alloc(64),
		]),
	);
	await writeBytes(at('notes.txt'), 'shot list for Tuesday\n');
	await writeBytes(at('labeled/photo/done.jpg'), photo);
	await writeBytes(at('.labels/project-notes.txt'), 'not ours to check');
	await writeBytes(at('.DS_Store'), 'hidden');
}

/** Status as the report gives it, with a broken file's reason in place of "broken". */
export function statusByPath(report: CheckReport): Record<string, string> {
	return Object.fromEntries(
		report.files.map((file) => [
			file.path,
			file.status === 'broken' ? (file.reason ?? '') : file.status,
		]),
	);
}

export async function checkAndReport(
	dir: string,
	options: {maxPixels?: number; nearDistance?: number; signal?: AbortSignal} = {},
): Promise<CheckReport> {
	const maxPixels = options.maxPixels ?? 100_000_000;
	const out = path.join(dir, 'labeled');
	const run = await checkFolder({
		dir,
		ignore: [out],
		maxPixels,
		...(options.signal ? {signal: options.signal} : {}),
	});
	return buildCheckReport(run, {dir, out, maxPixels, nearDistance: options.nearDistance ?? 10});
}
