/**
The objects a Ground Truth input manifest lists (`source-ref: s3://bucket/key` per line) as an S3
session's items, in line order, instead of a listing of the prefix. Each key is looked up (HEAD,
retried like a listing page) for the size, ETag and date that the cache and commit check; lines
outside the session's bucket and prefix, and keys that are not there, are reported and left out.
*/
import {HeadObjectCommand, type S3Client} from '@aws-sdk/client-s3';
import {textOf} from '../../formats/format-types.js';
import {describeProblem, readJsonLines} from '../../formats/line-input.js';
import type {ListedObject} from './list.js';
import type {S3Location} from './location.js';
import {type RetryOptions, withRetries} from './retry.js';
import {S3RequestError} from './s3-errors.js';

/** HEADs at once: a manifest of 100k lines is 100k requests, and the first image waits on one. */
const concurrency = 16;
const batchSize = 64;

/** `s3://bucket/key`, the key as written (Ground Truth does not URL-encode it). */
export function s3RefOf(written: string): {bucket: string; key: string} | undefined {
	const match = /^s3:\/\/([^/]+)\/(.+)$/i.exec(written);
	return match ? {bucket: match[1] ?? '', key: match[2] ?? ''} : undefined;
}

export async function describeObject(
	client: S3Client,
	location: S3Location,
	key: string,
	options: RetryOptions = {},
): Promise<ListedObject> {
	const head = await withRetries(
		`Cannot read s3://${location.bucket}/${key}`,
		() =>
			client.send(
				new HeadObjectCommand({Bucket: location.bucket, Key: key}),
				options.signal ? {abortSignal: options.signal} : {},
			),
		options,
	);
	return {
		path: key.slice(location.prefix.length),
		key,
		size: head.ContentLength ?? 0,
		etag: head.ETag ?? '',
		lastModifiedMs: head.LastModified?.getTime() ?? 0,
	};
}

export type ManifestObjectsOptions = RetryOptions & {
	readonly client: S3Client;
	readonly location: S3Location;
	/** Each object found, before its path is yielded (the source remembers it). */
	readonly found: (object: ListedObject) => void;
	readonly onProblem: (where: string, reason: string) => void;
	/** Items already committed (moved away): their keys are gone on purpose, not a problem. */
	readonly moved?: (itemPath: string) => boolean;
};

async function describeAll(
	keys: readonly string[],
	options: ManifestObjectsOptions,
): Promise<Array<ListedObject | undefined>> {
	const results: Array<ListedObject | undefined> = new Array(keys.length);
	let next = 0;
	const worker = async () => {
		while (next < keys.length) {
			const index = next++;
			const key = keys[index] ?? '';
			try {
				results[index] = await describeObject(options.client, options.location, key, options);
			} catch (error) {
				// A missing or forbidden object is one line's problem; anything else stops the scan.
				if (!(error instanceof S3RequestError) || error.failure.kind !== 'unreadable') {
					throw error;
				}

				const gone = error.failure.status === 404;
				if (gone && options.moved?.(key.slice(options.location.prefix.length))) {
					continue;
				}

				options.onProblem(`s3://${options.location.bucket}/${key}`, error.message);
			}
		}
	};
	await Promise.all(Array.from({length: Math.min(concurrency, keys.length)}, worker));
	return results;
}

export async function* manifestObjects(
	manifest: string,
	options: ManifestObjectsOptions,
): AsyncGenerator<string[]> {
	const {bucket, prefix} = options.location;
	const seen = new Set<string>();
	let keys: string[] = [];
	const flush = async function* () {
		const described = await describeAll(keys, options);
		keys = [];
		const paths: string[] = [];
		for (const object of described) {
			if (object) {
				options.found(object);
				paths.push(object.path);
			}
		}

		if (paths.length > 0) {
			yield paths;
		}
	};
	const report = (problem: Parameters<typeof describeProblem>[0]) =>
		options.onProblem(manifest, describeProblem(problem));
	for await (const {line, value} of readJsonLines(manifest, report)) {
		const written = textOf(value['source-ref']);
		const ref = written === undefined ? undefined : s3RefOf(written);
		if (written === undefined || ref === undefined) {
			options.onProblem(
				`${manifest}:${line}`,
				written === undefined
					? 'has no "source-ref" (a "source" line holds text, not an image)'
					: `source-ref ${written} is not an s3:// object; an S3 session labels objects only`,
			);
			continue;
		}

		if (ref.bucket !== bucket || !ref.key.startsWith(prefix) || ref.key === prefix) {
			options.onProblem(
				written,
				`is not under s3://${bucket}/${prefix}; label the prefix that holds it (imgsift label s3://${ref.bucket}/… --manifest ${manifest})`,
			);
			continue;
		}

		if (seen.has(ref.key)) {
			continue;
		}

		seen.add(ref.key);
		keys.push(ref.key);
		if (keys.length >= batchSize) {
			yield* flush();
		}
	}

	yield* flush();
}
