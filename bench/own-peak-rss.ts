/**
The process's own peak RSS in bytes. Not `resourceUsage().maxRSS`: on Linux a child started by a
big parent inherits the parent's high-water mark through fork and exec (a 600 MiB parent made every
child report 604 MiB while its own peak was 39 MiB). VmHWM belongs to the process's own memory map.
*/
import {readFileSync} from 'node:fs';
import process from 'node:process';

export function ownPeakRssBytes(): number {
	try {
		const kilobytes = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
		if (kilobytes !== undefined) {
			return Number(kilobytes) * 1024;
		}
	} catch {
		// No /proc (macOS): fall back to getrusage, which is right when the parent is small.
	}

	return process.resourceUsage().maxRSS * 1024;
}
