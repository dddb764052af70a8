/**
Peak RSS from Linux's /proc. A child's own figure is its VmHWM, not `resourceUsage().maxRSS`: on
Linux a child started by a big parent inherits the parent's high-water mark through fork and exec
(a 600 MiB parent made every child report 604 MiB while its own peak was 39 MiB).
*/
import {readFileSync} from 'node:fs';
import process from 'node:process';

/** Peak resident memory of a process so far, in bytes, or undefined without /proc. */
export function peakRssOf(pid: number | 'self'): number | undefined {
	try {
		const kilobytes = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
		return kilobytes === undefined ? undefined : Number(kilobytes) * 1024;
	} catch {
		return undefined;
	}
}

/** This process's own peak RSS in bytes; getrusage (right when the parent is small) without /proc. */
export function ownPeakRssBytes(): number {
	return peakRssOf('self') ?? process.resourceUsage().maxRSS * 1024;
}
