/**
Labeling from S3 with network latency: s3rver on loopback behind a proxy that adds 50 ms to every
request, the real SDK, cache and prefetcher, and the loader's own pixel step (sharp shrink of the
cached view copy to an 80×40-cell half-block box). A simulated person presses a key at a steady
pace; "ready" is the time from the keypress until the next image's pixels are in memory.
*/
import {mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {shrinkToPixels} from '../source/image/index.js';
import {openS3Source} from '../source/sources/s3/s3-source.js';
import {startFaultProxy} from '../tests/helpers/fault-proxy.js';
import {bucket, uploadSamples} from '../tests/helpers/s3-fixture.js';
import {launchS3Server} from '../tests/helpers/s3-server.js';
import {percentile} from './stats.js';

export type S3PaceFigures = {
	readonly imagesPerSecond: number;
	readonly keys: number;
	readonly p50Ms: number;
	readonly p95Ms: number;
	readonly maxMs: number;
	/** Keypresses whose image was not downloaded yet when the key was pressed. */
	readonly waits: number;
	readonly firstImageMs: number;
	/** The 1-minute load average when the pace started: the box is shared, so say how busy. */
	readonly loadAtStart: number;
};

const box = {width: 80, height: 80};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

async function runPace(
	imagesPerSecond: number,
	keys: number,
	latencyMs: number,
): Promise<S3PaceFigures> {
	const loadAtStart = os.loadavg()[0] ?? Number.NaN;
	const server = await launchS3Server();
	const cacheDir = await mkdtemp(path.join(os.tmpdir(), 'imgsift-s3-bench-'));
	try {
		await server.createBucket(bucket);
		await uploadSamples(server, 'day/', keys + 1);
		const proxy = await startFaultProxy(server.endpoint);
		proxy.setRule(() => ({delayMs: latencyMs}));
		const source = await openS3Source({
			location: {bucket, prefix: 'day/'},
			connect: {endpoint: proxy.endpoint},
			cacheDir,
		});
		try {
			const started = performance.now();
			const paths: string[] = [];
			const listing = source.list({pageSize: 20});
			const first = await listing.next();
			paths.push(...(first.done ? [] : first.value));
			const show = async (index: number) => {
				const view = await source.load(paths[index] ?? '');
				await shrinkToPixels(view.file, box);
				source.ahead(paths.slice(index + 1));
			};

			await show(0);
			const firstImageMs = performance.now() - started;
			for await (const batch of listing) {
				paths.push(...batch);
			}

			source.ahead(paths.slice(1));
			const interval = 1000 / imagesPerSecond;
			const ready: number[] = [];
			let waits = 0;
			let pressAt = performance.now() + interval;
			for (let index = 1; index <= keys; index++) {
				await sleep(pressAt - performance.now());
				const pressed = performance.now();
				const object = source.objects.get(paths[index] ?? '');
				if (object === undefined || (await source.fetcher.cached(object)) === undefined) {
					waits++;
				}

				await show(index);
				ready.push(performance.now() - pressed);
				pressAt += interval;
			}

			return {
				imagesPerSecond,
				keys,
				p50Ms: percentile(ready, 50),
				p95Ms: percentile(ready, 95),
				maxMs: Math.max(...ready),
				waits,
				firstImageMs,
				loadAtStart,
			};
		} finally {
			source.close();
			await proxy.close();
		}
	} finally {
		await server.close();
		await rm(cacheDir, {recursive: true, force: true});
	}
}

export async function runS3Bench(
	options: {keys?: number; latencyMs?: number} = {},
): Promise<S3PaceFigures[]> {
	const keys = options.keys ?? 40;
	const latencyMs = options.latencyMs ?? 50;
	return [await runPace(2, keys, latencyMs), await runPace(1, keys, latencyMs)];
}

export function formatS3Bench(figures: readonly S3PaceFigures[]): string {
	return figures
		.map((pace) =>
			[
				`  ${`${pace.imagesPerSecond} images/s, +50 ms per request: keypress → next image ready p50 / p95`.padEnd(72)} ${pace.p50Ms.toFixed(1)} / ${pace.p95Ms.toFixed(1)} ms (max ${pace.maxMs.toFixed(1)})   target p95 ≤ 150 ms`,
				`  ${`${pace.imagesPerSecond} images/s: keypresses that waited on the network`.padEnd(72)} ${pace.waits} of ${pace.keys}${pace.imagesPerSecond === 1 ? '   target 0' : ''}`,
				`  ${`${pace.imagesPerSecond} images/s: first image ready (list + download + decode)`.padEnd(72)} ${pace.firstImageMs.toFixed(0)} ms (load average ${pace.loadAtStart.toFixed(1)})`,
			].join('\n'),
		)
		.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
	process.stdout.write(
		`${formatS3Bench(await runS3Bench({keys: Number(process.argv[2] ?? 40)}))}\n`,
	);
}
