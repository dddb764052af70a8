/**
Preloaded (`node --import`) into a child the scale bench times: on exit, writes the process's own
peak RSS in bytes and CPU time in ms to the file named by IMGSIFT_BENCH_PEAK_RSS, so each figure's
memory is its own, and its CPU time tells its cost apart from a busy shared machine.
*/
import {writeFileSync} from 'node:fs';
import process from 'node:process';
import {ownPeakRssBytes} from './own-peak-rss.js';

const file = process.env['IMGSIFT_BENCH_PEAK_RSS'];
if (file !== undefined && file !== '') {
	process.on('exit', () => {
		// resourceUsage reports microseconds.
		const usage = process.resourceUsage();
		const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
		writeFileSync(file, `${ownPeakRssBytes()} ${cpuMs}`);
	});
}
