import {
	CopyObjectCommand,
	DeleteObjectCommand,
	HeadObjectCommand,
	type S3Client,
} from '@aws-sdk/client-s3';
import {hashedPath} from '../../files/commit/paths.js';
import type {S3PlanEntry} from './commit-plan.js';
import {type RetryOptions, withRetries} from './retry.js';
import {S3RequestError} from './s3-errors.js';

export type Head = {readonly size: number; readonly etag: string};

export type MoveContext = RetryOptions & {readonly client: S3Client; readonly bucket: string};

/** A single-part ETag is the MD5 of the bytes; a multipart one (`"…-N"`) is not. */
export function isContentEtag(etag: string): boolean {
	return /^"?[0-9a-f]{32}"?$/i.test(etag);
}

/** HEAD of a key; undefined when there is no such object. */
export async function headObject(context: MoveContext, key: string): Promise<Head | undefined> {
	try {
		const head = await withRetries(
			`Cannot check s3://${context.bucket}/${key}`,
			() => context.client.send(new HeadObjectCommand({Bucket: context.bucket, Key: key})),
			context,
		);
		return {size: head.ContentLength ?? -1, etag: head.ETag ?? ''};
	} catch (error) {
		if (
			error instanceof S3RequestError &&
			error.failure.kind === 'unreadable' &&
			error.failure.status === 404
		) {
			return undefined;
		}

		throw error;
	}
}

/**
Whether `found` holds the planned object's bytes: same size, and the same ETag when the source's
ETag is an MD5 (a copy made in one request keeps it). A multipart source's copy gets a new ETag,
so there only the size can be compared.
*/
export function holdsEntry(entry: S3PlanEntry, found: Head): boolean {
	return found.size === entry.size && (!isContentEtag(entry.etag) || found.etag === entry.etag);
}

/** The planned key, then the one `commit` falls back to when another object holds that name. */
export function candidateKeys(entry: S3PlanEntry): [string, string] {
	const hex = entry.etag
		.replace(/[^0-9a-f]/gi, '')
		.toLowerCase()
		.padEnd(8, '0');
	return [entry.to, hashedPath(entry.to, hex)];
}

/** The first candidate key holding the entry's object, and which candidates hold others. */
async function probeCandidates(
	context: MoveContext,
	entry: S3PlanEntry,
): Promise<{found: string | undefined; taken: Set<string>}> {
	const taken = new Set<string>();
	for (const key of candidateKeys(entry)) {
		const head = await headObject(context, key);
		if (head !== undefined && holdsEntry(entry, head)) {
			return {found: key, taken};
		}

		if (head !== undefined) {
			taken.add(key);
		}
	}

	return {found: undefined, taken};
}

/** The first candidate key holding the entry's object, or undefined. */
export async function findCopy(
	context: MoveContext,
	entry: S3PlanEntry,
): Promise<string | undefined> {
	return (await probeCandidates(context, entry)).found;
}

function copySource(bucket: string, key: string): string {
	return `${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
}

/**
Copies the source to its destination (or adopts a copy a killed run made), verifies it by HEAD,
then deletes the source. Returns the key the object now has. Every step is safe to redo, which
is what lets a rerun of an interrupted plan converge.
*/
export async function moveObject(
	context: MoveContext,
	entry: S3PlanEntry,
	sourceKey: string,
): Promise<string> {
	const {client, bucket} = context;
	const {found, taken} = await probeCandidates(context, entry);
	let target = found;
	if (target === undefined) {
		const [planned, hashed] = candidateKeys(entry);
		target = taken.has(planned) ? hashed : planned;
		if (taken.has(hashed) && taken.has(planned)) {
			throw new Error(
				`both ${planned} and ${hashed} hold other objects; rename one and commit again`,
			);
		}

		const key = target;
		await withRetries(
			`Cannot copy s3://${bucket}/${sourceKey} to ${key}`,
			() =>
				client.send(
					new CopyObjectCommand({
						Bucket: bucket,
						Key: key,
						CopySource: copySource(bucket, sourceKey),
						CopySourceIfMatch: entry.etag,
						MetadataDirective: 'COPY',
					}),
				),
			context,
		);
		const copied = await headObject(context, key);
		if (copied === undefined || !holdsEntry(entry, copied)) {
			throw new Error(
				`the copy at ${key} does not match the source (${copied === undefined ? 'it is missing' : `${copied.size} bytes, ETag ${copied.etag}`}); the source is kept`,
			);
		}
	}

	await withRetries(
		`Cannot delete s3://${bucket}/${sourceKey} after copying it to ${target}`,
		() => client.send(new DeleteObjectCommand({Bucket: bucket, Key: sourceKey})),
		context,
	);
	return target;
}
