import {createHash} from 'node:crypto';
import {open, rm} from 'node:fs/promises';
import type {Readable} from 'node:stream';
import {GetObjectCommand, type S3Client} from '@aws-sdk/client-s3';

export type Downloaded = {readonly file: string; readonly sha1: string; readonly size: number};

/**
Streams one object into `temp`, hashing (SHA-1) as the bytes arrive, then fsyncs it. `IfMatch`
pins the listed version: a replaced object fails with 412 instead of mixing versions. The ETag is
no content hash (a multipart ETag is an MD5 of MD5s), so the SHA-1 is what finds duplicates.
A short body (a cut connection) rejects; the temp file is removed on any failure.
*/
export async function downloadObject(
	client: S3Client,
	object: {readonly bucket: string; readonly key: string; readonly etag?: string},
	temp: string,
	signal?: AbortSignal,
): Promise<Downloaded> {
	const response = await client.send(
		new GetObjectCommand({
			Bucket: object.bucket,
			Key: object.key,
			...(object.etag ? {IfMatch: object.etag} : {}),
		}),
		signal ? {abortSignal: signal} : {},
	);
	const body = response.Body as Readable | undefined;
	if (body === undefined) {
		throw new Error(`s3://${object.bucket}/${object.key} came back with no body`);
	}

	const hash = createHash('sha1');
	let size = 0;
	const handle = await open(temp, 'wx');
	try {
		for await (const chunk of body) {
			const bytes = chunk as Buffer;
			hash.update(bytes);
			size += bytes.length;
			await handle.write(bytes);
		}

		if (response.ContentLength !== undefined && size !== response.ContentLength) {
			throw Object.assign(
				new Error(`the download stopped at ${size} of ${response.ContentLength} bytes`),
				{code: 'ECONNRESET'},
			);
		}

		await handle.sync();
		await handle.close();
		return {file: temp, sha1: hash.digest('hex'), size};
	} catch (error) {
		body.destroy();
		await handle.close().catch(() => undefined);
		await rm(temp, {force: true});
		throw error;
	}
}
