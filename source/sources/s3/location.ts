import {createHash} from 'node:crypto';
import path from 'node:path';
import {escapeControl} from '../../shared/escape.js';
import {UserError} from '../../shared/user-error.js';

/** A bucket and a key prefix: '' (the whole bucket) or ending with `/`. */
export type S3Location = {readonly bucket: string; readonly prefix: string};

const scheme = 's3://';
/** S3's own rule (also MinIO's, Ceph's): 3–63 of a-z 0-9 . -, starting and ending alphanumeric. */
const bucketPattern = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const maxKeyBytes = 1024;

export function isS3Url(text: string): boolean {
	return text.slice(0, scheme.length).toLowerCase() === scheme;
}

function bucketProblem(bucket: string): string | undefined {
	if (bucket === '') {
		return 'it names no bucket; write s3://BUCKET/PREFIX/';
	}

	if (!bucketPattern.test(bucket) || bucket.includes('..')) {
		return `"${escapeControl(bucket)}" is not a valid bucket name (3 to 63 of a-z, 0-9, "." and "-", starting and ending with a letter or digit)`;
	}

	return undefined;
}

function prefixProblem(prefix: string): string | undefined {
	if (prefix.includes('\0') || /[\u0000-\u001F\u007F]/.test(prefix)) {
		return 'the prefix holds control characters';
	}

	if (Buffer.byteLength(prefix) > maxKeyBytes - 1) {
		return `the prefix is longer than ${maxKeyBytes} bytes, the longest key S3 allows`;
	}

	const segments = prefix.split('/').slice(0, -1);
	if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) {
		return 'the prefix has empty, "." or ".." parts (like a//b or ../); write it as the keys are';
	}

	return undefined;
}

/**
Parses `s3://bucket/prefix/`. A prefix without a trailing `/` is taken as a folder (one is added),
since imgsift labels everything under it: `s3://b/review/2019` lists `review/2019/…`.
*/
export function parseS3Location(text: string): S3Location {
	if (!isS3Url(text)) {
		throw new UserError(
			`${escapeControl(text)} is not an S3 location; write it as s3://BUCKET/PREFIX/.`,
		);
	}

	const rest = text.slice(scheme.length);
	const slash = rest.indexOf('/');
	const bucket = slash === -1 ? rest : rest.slice(0, slash);
	const rawPrefix = slash === -1 ? '' : rest.slice(slash + 1);
	const prefix = rawPrefix === '' || rawPrefix.endsWith('/') ? rawPrefix : `${rawPrefix}/`;
	const problem = bucketProblem(bucket) ?? prefixProblem(prefix);
	if (problem !== undefined) {
		throw new UserError(
			`Cannot use ${escapeControl(text)}: ${problem}. Check the location and try again.`,
		);
	}

	return {bucket, prefix};
}

export function formatS3Location(location: S3Location, key = location.prefix): string {
	return `${scheme}${location.bucket}/${key}`;
}

/**
The local folder name for a bucket and prefix: readable (unsafe characters become `_`, cut to 80
characters) plus 10 hex of the SHA-1 of the exact location, so `a/b_` and `a_b/` never share one.
*/
export function stateFolderName(location: S3Location, endpoint?: string): string {
	const readable = `${location.bucket}_${location.prefix}`
		.replace(/[^A-Za-z0-9._-]/g, '_')
		.replace(/^[.]+/, '_')
		.slice(0, 80);
	const exact = `${endpoint ?? 'aws'}\n${location.bucket}\n${location.prefix}`;
	const digest = createHash('sha1').update(exact).digest('hex').slice(0, 10);
	return `s3-${readable}-${digest}`;
}

/**
Where a prefix's journal, state, check cache and commit plan live: `<state>/.labels/<name>/`.
That folder plays the role of a dataset folder for the ledger and stores (they keep their files
in its own `.labels/`), so the local code paths run unchanged.
*/
export function stateFolder(stateDir: string, location: S3Location, endpoint?: string): string {
	return path.join(path.resolve(stateDir), '.labels', stateFolderName(location, endpoint));
}
