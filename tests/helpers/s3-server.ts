import {mkdtemp, rm} from 'node:fs/promises';
import type {Server} from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type {TestContext} from 'node:test';
import {CreateBucketCommand, PutObjectCommand} from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import {connectS3, type S3Connection} from '../../source/sources/s3/connect.js';
import {patchS3rverTokenCipher} from './s3rver-des-shim.js';

/** s3rver's built-in account; the SDK reads it from the environment, as it would real keys. */
export const s3rverCredentials = {accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER'} as const;

export function setS3rverCredentials(env: NodeJS.ProcessEnv = process.env): void {
	env['AWS_ACCESS_KEY_ID'] = s3rverCredentials.accessKeyId;
	env['AWS_SECRET_ACCESS_KEY'] = s3rverCredentials.secretAccessKey;
	env['AWS_REGION'] = 'us-east-1';
	// No instance-metadata lookups from a test box.
	env['AWS_EC2_METADATA_DISABLED'] = 'true';
	delete env['AWS_PROFILE'];
	delete env['AWS_ENDPOINT_URL'];
}

export type S3TestServer = {
	readonly endpoint: string;
	readonly port: number;
	/** A connection through the real SDK (path-style, credentials from the environment). */
	readonly connection: S3Connection;
	createBucket(name: string): Promise<void>;
	put(bucket: string, key: string, body: Uint8Array | string): Promise<string>;
	/** Stops answering: connections are refused until `start`. */
	stop(): Promise<void>;
	/** Starts again on the same port with the same objects. */
	start(): Promise<void>;
	/** Stops the server and removes its folder. */
	close(): Promise<void>;
};

/** A real S3-compatible server (s3rver) on 127.0.0.1, a free port, objects in a temp folder. */
export async function launchS3Server(): Promise<S3TestServer> {
	setS3rverCredentials();
	patchS3rverTokenCipher();
	const directory = await mkdtemp(path.join(os.tmpdir(), 'imgsift-s3rver-'));
	let port = 0;
	let server: S3rver | undefined;
	const start = async () => {
		server = new S3rver({address: '127.0.0.1', port, silent: true, directory});
		const address = await server.run();
		port = address.port;
	};

	const stop = async () => {
		const running = server as (S3rver & {httpServer?: Server}) | undefined;
		server = undefined;
		running?.httpServer?.closeAllConnections();
		await running?.close();
	};

	await start();
	const endpoint = `http://127.0.0.1:${port}`;
	const connection = connectS3({endpoint, requestTimeoutMs: 5000});
	return {
		endpoint,
		port,
		connection,
		async createBucket(name) {
			await connection.client.send(new CreateBucketCommand({Bucket: name}));
		},
		async put(bucket, key, body) {
			const result = await connection.client.send(
				new PutObjectCommand({Bucket: bucket, Key: key, Body: body}),
			);
			return result.ETag ?? '';
		},
		stop,
		start,
		async close() {
			connection.close();
			await stop();
			await rm(directory, {recursive: true, force: true});
		},
	};
}

/** `launchS3Server` for a test: closed and removed when the test ends. */
export async function startS3Server(t: TestContext): Promise<S3TestServer> {
	const server = await launchS3Server();
	t.after(() => server.close());
	return server;
}
