/**
Preloaded (`node --import`) into a child whose memory is studied: samples `process.memoryUsage()`
every 25 ms and, on exit, writes to IMGSIFT_BENCH_MEMORY (JSON) the sample at peak RSS and a
timeline of one sample per 250 ms, so a phase (the replay, the plan, the moves) can be told from
the RSS it holds. With IMGSIFT_BENCH_HEAP_AT_MB, writes one heap snapshot (next to that file) the
first time RSS passes that many MiB, for bench/heap-summary.ts (with IMGSIFT_BENCH_HEAP_AT_MARK,
at the mark of that name).
*/
import {readFileSync, writeFileSync} from 'node:fs';
import process from 'node:process';
import v8 from 'node:v8';

const file = process.env['IMGSIFT_BENCH_MEMORY'];
const heapAtText = process.env['IMGSIFT_BENCH_HEAP_AT_MB'] ?? '';
/** Unset or empty: no snapshot (Number('') would be 0, a snapshot at start). */
const heapAtMb = heapAtText === '' ? Number.POSITIVE_INFINITY : Number(heapAtText);
/** A mark's name: a heap snapshot is written there. */
const heapAtMark = process.env['IMGSIFT_BENCH_HEAP_AT_MARK'];
const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

type Sample = {
	readonly ms: number;
	readonly rss: number;
	readonly heapUsed: number;
	readonly heapTotal: number;
	readonly external: number;
	readonly arrayBuffers: number;
	/** Linux only, at the peak: anonymous memory (heaps, malloc) and mapped files (code). */
	readonly rssAnon?: number;
	readonly rssFile?: number;
};

function kernelSplit(): {rssAnon?: number; rssFile?: number} {
	try {
		const status = readFileSync('/proc/self/status', 'utf8');
		const kib = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1]);
		return {rssAnon: mib(kib('RssAnon') * 1024), rssFile: mib(kib('RssFile') * 1024)};
	} catch {
		return {};
	}
}

if (file !== undefined && file !== '') {
	const started = performance.now();
	const timeline: Sample[] = [];
	let peak: Sample | undefined;
	let snapshotWritten = false;
	/** The highest RSS sampled since the last mark. */
	let phaseRss = 0;
	const sample = (): Sample => {
		const usage = process.memoryUsage();
		return {
			ms: Math.round(performance.now() - started),
			rss: mib(usage.rss),
			heapUsed: mib(usage.heapUsed),
			heapTotal: mib(usage.heapTotal),
			external: mib(usage.external),
			arrayBuffers: mib(usage.arrayBuffers),
		};
	};
	const timer = setInterval(() => {
		const now = sample();
		if (peak === undefined || now.rss > peak.rss) peak = {...now, ...kernelSplit()};
		phaseRss = Math.max(phaseRss, now.rss);
		const last = timeline[timeline.length - 1];
		if (last === undefined || now.ms - last.ms >= 250) timeline.push(now);
		if (!snapshotWritten && now.rss >= heapAtMb) {
			snapshotWritten = true;
			v8.writeHeapSnapshot(`${file}.heapsnapshot`);
		}
	}, 25);
	timer.unref();
	/** A phase's end, for a build patched by hand to call `globalThis.imgsiftMark?.(name)`. */
	const marks: Array<Sample & {name: string; phaseRss: number}> = [];
	Object.assign(globalThis, {
		imgsiftMark: (name: string) => {
			const now = sample();
			marks.push({name, ...now, phaseRss: Math.max(phaseRss, now.rss), ...kernelSplit()});
			phaseRss = 0;
			if (name === heapAtMark) v8.writeHeapSnapshot(`${file}.${name}.heapsnapshot`);
		},
	});
	process.on('exit', () => {
		writeFileSync(file, JSON.stringify({peak, end: sample(), marks, timeline}));
	});
}
