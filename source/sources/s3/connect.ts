import {Agent} from 'node:http';
import {Agent as HttpsAgent} from 'node:https';
import {S3Client} from '@aws-sdk/client-s3';
import {UserError} from '../../shared/user-error.js';

/** How to reach the store. Credentials are never an option: they come from the SDK's chain. */
export type S3ConnectOptions = {
	/** An S3-compatible server (MinIO, Ceph, Garage); falls back to AWS_ENDPOINT_URL. */
	readonly endpoint?: string;
	/** A profile of ~/.aws/config and ~/.aws/credentials (else AWS_PROFILE, else default). */
	readonly profile?: string;
	readonly region?: string;
	/** Path-style addressing; on by default for a custom endpoint, which rarely has bucket DNS. */
	readonly pathStyle?: boolean;
	/** A request that sends or receives nothing for this long is a timeout (retried). */
	readonly requestTimeoutMs?: number;
	/** Most requests in flight on one connection pool. */
	readonly maxSockets?: number;
};

export type S3Connection = {
	readonly client: S3Client;
	/** The endpoint URL, or undefined for AWS itself; part of every cache key. */
	readonly endpoint: string | undefined;
	close(): void;
};

/** The endpoint URL to use (normalized, no trailing slash), or undefined for AWS itself. */
export function endpointOf(
	options: S3ConnectOptions,
	env: NodeJS.ProcessEnv = process.env,
): string | undefined {
	const raw = options.endpoint ?? env['AWS_ENDPOINT_URL_S3'] ?? env['AWS_ENDPOINT_URL'];
	if (raw === undefined || raw === '') {
		return undefined;
	}

	let url: URL;
	try {
		url = new URL(raw);
	} catch (error) {
		throw new UserError(
			`The endpoint "${raw}" is not a URL; write it like http://127.0.0.1:9000 or https://s3.example.com.`,
			{cause: error},
		);
	}

	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw new UserError(`The endpoint ${raw} must start with http:// or https://.`);
	}

	if (url.username !== '' || url.password !== '') {
		// A key in the URL would end up in messages and logs: refuse it, and do not echo it.
		throw new UserError(
			'The endpoint URL holds a user name or password; remove it and give credentials through the AWS environment variables or a profile.',
		);
	}

	return url.origin + url.pathname.replace(/\/$/, '');
}

/**
An S3 client: region and credentials from the SDK's default chain (environment, `--profile`,
~/.aws, SSO, instance roles). The SDK's own retries are off (`maxAttempts: 1`): imgsift retries
with its own backoff so it can tell the screen when the network is gone.
*/
export function connectS3(
	options: S3ConnectOptions = {},
	env: NodeJS.ProcessEnv = process.env,
): S3Connection {
	// The SDK warns on every start under Node 20 about a future release; imgsift pins a working one.
	process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
	const endpoint = endpointOf(options, env);
	const region =
		options.region ??
		env['AWS_REGION'] ??
		env['AWS_DEFAULT_REGION'] ??
		(endpoint === undefined ? undefined : 'us-east-1');
	const maxSockets = options.maxSockets ?? 16;
	const timeoutMs = options.requestTimeoutMs ?? 15_000;
	const agent = {keepAlive: true, maxSockets};
	const httpAgent = new Agent(agent);
	const httpsAgent = new HttpsAgent(agent);
	const client = new S3Client({
		maxAttempts: 1,
		...(endpoint === undefined ? {} : {endpoint}),
		...(region === undefined ? {} : {region}),
		...(options.profile === undefined ? {} : {profile: options.profile}),
		forcePathStyle: options.pathStyle ?? endpoint !== undefined,
		// Servers that predate S3's flexible checksums (s3rver, older MinIO and Ceph) reject or
		// mangle the CRC trailers; imgsift hashes every download itself (SHA-1).
		...(endpoint === undefined
			? {}
			: {requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED'}),
		requestHandler: {
			// Time to the response's headers (an error, not the default warning), then the longest
			// a socket may stay silent while the body streams: both are timeouts, and retried.
			requestTimeout: timeoutMs,
			throwOnRequestTimeout: true,
			socketTimeout: timeoutMs,
			connectionTimeout: Math.min(timeoutMs, 5000),
			httpAgent,
			httpsAgent,
		},
	});
	return {
		client,
		endpoint,
		close() {
			client.destroy();
			httpAgent.destroy();
			httpsAgent.destroy();
		},
	};
}
