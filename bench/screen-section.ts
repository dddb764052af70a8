import {heading, line} from './report-lines.js';
import {ensureScreenSet, measureWholeScreen} from './screen-latency.js';
import {formatBytes, formatMs} from './stats.js';
import {ensureTinySet} from './tiny-set.js';

/** The whole screen in a real pty: on 12 MP camera JPEGs, then on 100,000 tiny files. */
export async function runScreenSection(options: {
	quick: boolean;
	with100k: boolean;
}): Promise<void> {
	heading('Whole screen in a real pty (140×45 cells, truecolor half-blocks, 12 MP camera JPEGs)');
	const screen = await measureWholeScreen(await ensureScreenSet(), options.quick ? 20 : 110);
	line(
		`keypress → last byte of image + panel, output quiet: p50 / p99 (${screen.settled.count} keys)`,
		`${formatMs(screen.settled.p50)} / ${formatMs(screen.settled.p99)}`,
		'p50 ≤ 16 ms, p99 ≤ 40 ms',
	);
	line(
		'  the first key after the start / the slowest key',
		`${formatMs(screen.firstKeySettled)} / ${formatMs(screen.settled.max)}`,
	);
	line('  bytes per keypress (p50)', formatBytes(screen.bytesPerKey.p50));
	if (options.with100k) {
		// The same screen while 100,000 files are walked and checked behind it (bench/tiny-set.ts).
		const tiny = await ensureTinySet(100_000);
		const busy = await measureWholeScreen(tiny.dir, 110);
		line(
			`the same on 100,000 files: p50 / p99 (${busy.settled.count} keys)`,
			`${formatMs(busy.settled.p50)} / ${formatMs(busy.settled.p99)}`,
			'p50 ≤ 16 ms, p99 ≤ 40 ms',
		);
		line('  main thread CPU per key (mean)', formatMs(busy.mainThreadPerKeyMs));
	}
}
