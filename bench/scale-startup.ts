/**
Start-up of `imgsift label` at scale, as a terminal sees it: the first image painted, the progress
counter drawn, and the full total known (the scan done: the panel's percentage replaces
"scanning…"), with the process's peak RSS once the scan is done and over the whole session (the
quit and its journal work included).
*/
import pty from 'node-pty';
import {peakRssOf} from './own-peak-rss.js';
import {cliPath, imagePainted} from './pty-driver.js';
import {peakRssProbe} from './scale-child.js';
import {summarize} from './stats.js';

export type StartupFigures = {
	readonly firstImageMs: number;
	readonly counterMs: number;
	readonly totalKnownMs: number;
	readonly peakRssBytes: number | undefined;
	/** From the start to the exit after `q`: what the quit itself costs is in it. */
	readonly sessionPeakRssBytes: number | undefined;
};

const counter = /(?<![\d,])[\d,]+\/[\d,]+/;

/** True once the panel shows `n/total` followed by its percentage: the scan is over. */
export function totalKnown(total: number): (output: string) => boolean {
	const shown = `/${new Intl.NumberFormat('en-US').format(total)}`;
	return (output) => {
		for (let at = output.indexOf(shown); at !== -1; at = output.indexOf(shown, at + 1)) {
			const after = output.slice(at + shown.length, at + shown.length + 80);
			if (after.includes('%') && !after.includes('scanning')) {
				return true;
			}
		}

		return false;
	};
}

/**
One `imgsift label` start on `dir` as it is (an existing journal is resumed), in a real pty. The
output is read chunk by chunk with a short rolling tail: it grows to megabytes, and searching all
of it per chunk would slow the reader until the pty blocks the app being measured.
*/
export async function measureStartupOnce(
	dir: string,
	total: number,
	args: readonly string[],
	timeoutMs = 120_000,
	/** Another build's cli.js, to compare two builds on one set (bench/startup-pair.ts). */
	cli = cliPath,
): Promise<StartupFigures> {
	const probe = await peakRssProbe();
	const startedAt = performance.now();
	const child = pty.spawn(
		cli,
		['label', dir, '--render', 'blocks', ...args, '--no-commit-on-exit', '--colors', 'truecolor'],
		{
			name: 'xterm-256color',
			cols: 120,
			rows: 40,
			env: {...process.env, COLORTERM: 'truecolor', ...probe.env},
		},
	);
	const exited = new Promise<void>((resolve) => {
		child.onExit(() => resolve());
	});
	let quitting: Promise<unknown> | undefined;
	const quit = async () => {
		if (!quitting) {
			child.write('q');
			quitting = Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
		}

		await quitting;
	};
	let tail = '';
	let image: number | undefined;
	let shown: number | undefined;
	const known = totalKnown(total);
	try {
		const done = await new Promise<number>((resolve, reject) => {
			const timer = setTimeout(() => {
				reject(
					new Error(
						`label did not show the whole total in ${timeoutMs} ms: ${JSON.stringify(tail.slice(-200))}`,
					),
				);
			}, timeoutMs);
			child.onData((data) => {
				tail = (tail + data).slice(-16_384);
				const now = performance.now();
				image ??= imagePainted(tail) ? now : undefined;
				shown ??= counter.test(tail) ? now : undefined;
				if (image !== undefined && shown !== undefined && known(tail)) {
					clearTimeout(timer);
					resolve(now);
				}
			});
		});
		const peakRssBytes = peakRssOf(child.pid);
		await quit();
		return {
			firstImageMs: (image ?? Number.NaN) - startedAt,
			counterMs: (shown ?? Number.NaN) - startedAt,
			totalKnownMs: done - startedAt,
			peakRssBytes,
			sessionPeakRssBytes: (await probe.read()).rssBytes,
		};
	} finally {
		await quit();
		await probe.remove();
	}
}

/** Medians of `runs` starts (the box is shared), and the highest peak RSS. */
export async function measureStartup(
	dir: string,
	total: number,
	args: readonly string[],
	runs: number,
	prepare: () => Promise<void>,
): Promise<StartupFigures> {
	const all: StartupFigures[] = [];
	for (let run = 0; run < runs; run++) {
		await prepare();
		all.push(await measureStartupOnce(dir, total, args));
	}

	const median = (pick: (figures: StartupFigures) => number) => summarize(all.map(pick)).p50;
	const peaks = all.flatMap((figures) => figures.peakRssBytes ?? []);
	const sessionPeaks = all.flatMap((figures) => figures.sessionPeakRssBytes ?? []);
	return {
		firstImageMs: median((figures) => figures.firstImageMs),
		counterMs: median((figures) => figures.counterMs),
		totalKnownMs: median((figures) => figures.totalKnownMs),
		peakRssBytes: peaks.length > 0 ? Math.max(...peaks) : undefined,
		sessionPeakRssBytes: sessionPeaks.length > 0 ? Math.max(...sessionPeaks) : undefined,
	};
}
