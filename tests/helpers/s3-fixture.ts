import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {ListObjectsV2Command, type S3Client} from '@aws-sdk/client-s3';
import {transition} from '../../source/core/session-reducer.js';
import {initialState, type SessionState} from '../../source/core/session-state.js';
import type {ListedObject} from '../../source/sources/s3/list.js';
import {samplesDir} from './commit-fixture.js';
import type {S3TestServer} from './s3-server.js';

export const bucket = 'review-bucket';

/** Sample image names, JPEGs and PNGs, from the bundled samples. */
export const sampleNames = [
	'img_0001.jpg',
	'img_0002.jpg',
	'img_0022.png',
	'img_0003.jpg',
	'img_0023.png',
	'img_0004.jpg',
	'img_0025.png',
];

export async function sampleBytes(name: string): Promise<Buffer> {
	return readFile(path.join(samplesDir, name));
}

/** Uploads `count` samples as `<prefix>NNN-<sample name>`; returns the keys in order. */
export async function uploadSamples(
	server: S3TestServer,
	prefix: string,
	count: number,
): Promise<string[]> {
	const keys: string[] = [];
	for (let index = 0; index < count; index++) {
		const name = sampleNames[index % sampleNames.length] ?? 'img_0001.jpg';
		const key = `${prefix}${String(index).padStart(3, '0')}-${name}`;
		await server.put(bucket, key, await sampleBytes(name));
		keys.push(key);
	}

	return keys;
}

/** Every key in the bucket (one listing, no filters), for "exactly once" checks. */
export async function allKeys(client: S3Client): Promise<string[]> {
	const keys: string[] = [];
	let token: string | undefined;
	do {
		const page = await client.send(
			new ListObjectsV2Command({Bucket: bucket, ...(token ? {ContinuationToken: token} : {})}),
		);
		keys.push(...(page.Contents ?? []).map((object) => object.Key ?? ''));
		token = page.IsTruncated ? page.NextContinuationToken : undefined;
	} while (token);
	return keys.sort();
}

export const classes = ['photo', 'screenshot'];

/** The label a test gives each object: PNGs are screenshots, JPEGs photos. */
export function labelOf(itemPath: string): string {
	return itemPath.endsWith('.png') ? 'screenshot' : 'photo';
}

/** A state where every listed object was found and decided (`labelOf`), as the reducer does it. */
export function decidedS3State(objects: readonly ListedObject[]): SessionState {
	let state = initialState(classes);
	state =
		transition(state, {type: 'items-found', paths: objects.map((object) => object.path)})?.state ??
		state;
	for (const object of objects) {
		const item = {path: object.path, size: object.size, mtimeMs: object.lastModifiedMs};
		const next = transition(state, {
			type: 'decide',
			time: 'now',
			item,
			label: labelOf(object.path),
			ms: 100,
		});
		if (!next) {
			throw new Error(`decide ${object.path} did not apply`);
		}

		state = next.state;
	}

	return state;
}

/** Applies a moved event through the reducer, as the journal's fold would on the next run. */
export function withMoved(
	state: SessionState,
	event: {path: string; to: string; label: string},
): SessionState {
	const next = transition(state, {type: 'moved', time: 'now', ...event});
	if (!next) {
		throw new Error(`the reducer refused the move of ${event.path}`);
	}

	return next.state;
}
