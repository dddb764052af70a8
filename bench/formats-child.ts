/**
One export or import in a process of its own, so its peak RSS is its own: prints one JSON line
with the items handled, the milliseconds it took (without Node's start-up) and the peak RSS.
Usage: formats-child.js export DIR FORMAT TARGET | import FILE FORMAT DIR
*/
import {performance} from 'node:perf_hooks';
import process from 'node:process';
import {runExportRequest} from '../source/app/export-run.js';
import {runImportRequest} from '../source/app/import-run.js';
import type {ExportFormat, ImportFormat} from '../source/formats/format-names.js';
import {ownPeakRssBytes} from './own-peak-rss.js';

const [operation, first = '', format = '', second = ''] = process.argv.slice(2);
const started = performance.now();
let items: number;
if (operation === 'export') {
	items = (await runExportRequest({dir: first, format: format as ExportFormat, to: second}))
		.written;
} else {
	const report = await runImportRequest({file: first, format: format as ImportFormat, dir: second});
	items = report.decided;
	if (report.skippedLines > 0 || report.matching.unmatched.length > 0) {
		throw new Error(
			`import skipped ${report.skippedLines} lines, left ${report.matching.unmatched.length} unmatched`,
		);
	}
}

const ms = performance.now() - started;
const usage = process.resourceUsage();
// CPU time as well as wall time: on a shared machine the wall clock also counts other people's work.
const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
process.stdout.write(`${JSON.stringify({items, ms, cpuMs, peakRssBytes: ownPeakRssBytes()})}\n`);
