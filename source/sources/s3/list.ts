import {ListObjectsV2Command, type S3Client} from '@aws-sdk/client-s3';
import {hasImageExtension} from '../../scan/walk.js';
import type {S3Location} from './location.js';
import {type RetryOptions, withRetries} from './retry.js';

/** One listed object; `path` is its key relative to the prefix, the item path in the journal. */
export type ListedObject = {
	readonly path: string;
	readonly key: string;
	readonly size: number;
	/** As S3 sends it, quotes included: `"…"`, or `"…-N"` for a multipart upload. */
	readonly etag: string;
	readonly lastModifiedMs: number;
};

export type ListOptions = RetryOptions & {
	/** Key prefixes (full keys) never yielded: the output prefix under the input one. */
	readonly ignore?: readonly string[];
	/** Keys per page asked of the server (S3's most is 1000). */
	readonly pageSize?: number;
	/** Yield every object, not only image extensions: `check` sniffs content instead. */
	readonly allFiles?: boolean;
	/** A key left out on purpose (hidden, a folder marker, an empty object). */
	readonly onSkipped?: (key: string, reason: string) => void;
};

export type ListSummary = {
	readonly images: number;
	readonly skipped: number;
	readonly pages: number;
};

function skipReason(relative: string, options: ListOptions): string | undefined {
	if (relative === '' || relative.endsWith('/')) {
		return 'a folder marker, not an object';
	}

	if (relative.split('/').some((segment) => segment.startsWith('.'))) {
		return 'hidden (a name starting with ".")';
	}

	if (options.allFiles !== true && !hasImageExtension(relative)) {
		return 'not an image extension';
	}

	return undefined;
}

/**
Streams the objects under a prefix, one batch per ListObjectsV2 page, in key order (S3 lists in
UTF-8 byte order, like the folder walk), so the first image can show while later pages load.
Each page is retried on timeouts and 5xx; a continuation token resumes where the last page ended.
*/
export async function* listObjects(
	client: S3Client,
	location: S3Location,
	options: ListOptions = {},
): AsyncGenerator<ListedObject[], ListSummary, undefined> {
	const ignore = options.ignore ?? [];
	let token: string | undefined;
	let images = 0;
	let skipped = 0;
	let pages = 0;
	do {
		const page = await withRetries(
			`Cannot list s3://${location.bucket}/${location.prefix}`,
			() =>
				client.send(
					new ListObjectsV2Command({
						Bucket: location.bucket,
						Prefix: location.prefix,
						MaxKeys: options.pageSize ?? 1000,
						...(token === undefined ? {} : {ContinuationToken: token}),
					}),
					options.signal ? {abortSignal: options.signal} : {},
				),
			options,
		);
		pages++;
		const batch: ListedObject[] = [];
		for (const object of page.Contents ?? []) {
			const key = object.Key ?? '';
			if (!key.startsWith(location.prefix) || ignore.some((prefix) => key.startsWith(prefix))) {
				continue;
			}

			const relative = key.slice(location.prefix.length);
			const reason = skipReason(relative, options);
			if (reason !== undefined) {
				skipped++;
				options.onSkipped?.(key, reason);
				continue;
			}

			images++;
			batch.push({
				path: relative,
				key,
				size: object.Size ?? 0,
				etag: object.ETag ?? '',
				lastModifiedMs: object.LastModified?.getTime() ?? 0,
			});
		}

		if (batch.length > 0) {
			yield batch;
		}

		token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
	} while (token !== undefined);
	return {images, skipped, pages};
}
