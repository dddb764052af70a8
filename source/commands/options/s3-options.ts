import type {Argv} from 'yargs';

/** Options for a `s3://bucket/prefix/` location (ignored for a folder). */
export const addS3Options = <T>(command: Argv<T>) =>
	command
		.option('endpoint', {
			type: 'string',
			describe:
				'S3-compatible server URL (MinIO, Ceph, Garage); default AWS_ENDPOINT_URL, else AWS',
		})
		.option('profile', {type: 'string', describe: 'AWS profile for credentials and region'})
		.option('region', {
			type: 'string',
			describe: 'AWS region (default from the profile or AWS_REGION)',
		})
		.option('path-style', {
			type: 'boolean',
			describe: 'path-style bucket addressing (default on with --endpoint)',
		})
		.option('state', {
			type: 'string',
			describe: 'folder whose .labels/ keeps the journal and state of an s3:// prefix (default .)',
		})
		.option('cache-dir', {
			type: 'string',
			describe: 'where downloaded images are cached (default ~/.cache/imgsift/s3)',
		})
		.option('cache-size', {
			type: 'string',
			describe: 'most disk the image cache may take, like 500MB or 2GB (default 2GB)',
		})
		.option('prefetch', {
			type: 'number',
			describe: 'images downloaded ahead of the one on screen (default 8; more on a fast link)',
		});

export type S3Argv = {
	readonly endpoint?: string | undefined;
	readonly profile?: string | undefined;
	readonly region?: string | undefined;
	readonly pathStyle?: boolean | undefined;
	readonly state?: string | undefined;
	readonly cacheDir?: string | undefined;
	readonly cacheSize?: string | undefined;
	readonly prefetch?: number | undefined;
};

/** The S3 flags as the app takes them. */
export function s3FlagsOf(argv: S3Argv): S3Argv {
	return {
		endpoint: argv.endpoint,
		profile: argv.profile,
		region: argv.region,
		pathStyle: argv.pathStyle,
		state: argv.state,
		cacheDir: argv.cacheDir,
		cacheSize: argv.cacheSize,
		prefetch: argv.prefetch,
	};
}
