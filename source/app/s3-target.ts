import {mkdir} from 'node:fs/promises';
import {UserError} from '../shared/user-error.js';
import type {S3ConnectOptions} from '../sources/s3/connect.js';
import {endpointOf} from '../sources/s3/connect.js';
import {parseS3Location, type S3Location, stateFolder} from '../sources/s3/location.js';
import {defaultCacheBytes, defaultCacheDir} from '../sources/s3/object-cache.js';

/** The S3 flags of a command (see commands/options/s3-options.ts). */
export type S3Flags = {
	readonly endpoint?: string | undefined;
	readonly profile?: string | undefined;
	readonly region?: string | undefined;
	readonly pathStyle?: boolean | undefined;
	readonly state?: string | undefined;
	readonly cacheDir?: string | undefined;
	readonly cacheSize?: string | undefined;
	readonly prefetch?: number | undefined;
};

/** A prefix to label, and where its local files go. */
export type S3Target = {
	readonly url: string;
	readonly location: S3Location;
	readonly connect: S3ConnectOptions;
	/** The local folder that plays the dataset folder: journal, project, plan, check cache. */
	readonly stateDir: string;
	readonly cacheDir: string;
	readonly cacheBytes: number;
	/** Objects downloaded ahead of the cursor. */
	readonly prefetch: number;
};

const units: Readonly<Record<string, number>> = {
	'': 1,
	b: 1,
	k: 1024,
	kb: 1024,
	m: 1024 ** 2,
	mb: 1024 ** 2,
	g: 1024 ** 3,
	gb: 1024 ** 3,
	t: 1024 ** 4,
	tb: 1024 ** 4,
};

/** `2GB`, `500 MB`, `1048576` as bytes (binary units). */
export function parseByteSize(text: string): number {
	const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
	const factor = match ? units[(match[2] ?? '').toLowerCase()] : undefined;
	if (!match || factor === undefined || Number(match[1]) <= 0) {
		throw new UserError(`--cache-size must be a size like 500MB or 2GB, got "${text}".`);
	}

	return Math.floor(Number(match[1]) * factor);
}

function prefetchOf(value: number | undefined): number {
	if (value === undefined) {
		return 8;
	}

	if (!Number.isInteger(value) || value < 0 || value > 256) {
		throw new UserError(`--prefetch must be a whole number from 0 to 256, got ${value}.`);
	}

	return value;
}

/** Parses the location and flags, and makes the state folder (journal and state stay local). */
export async function resolveS3Target(url: string, flags: S3Flags = {}): Promise<S3Target> {
	const location = parseS3Location(url);
	const connect: S3ConnectOptions = {
		...(flags.endpoint === undefined ? {} : {endpoint: flags.endpoint}),
		...(flags.profile === undefined ? {} : {profile: flags.profile}),
		...(flags.region === undefined ? {} : {region: flags.region}),
		...(flags.pathStyle === undefined ? {} : {pathStyle: flags.pathStyle}),
	};
	const stateDir = stateFolder(flags.state ?? '.', location, endpointOf(connect));
	await mkdir(stateDir, {recursive: true});
	return {
		url,
		location,
		connect,
		stateDir,
		cacheDir: flags.cacheDir ?? defaultCacheDir(),
		cacheBytes: flags.cacheSize === undefined ? defaultCacheBytes : parseByteSize(flags.cacheSize),
		prefetch: prefetchOf(flags.prefetch),
	};
}
