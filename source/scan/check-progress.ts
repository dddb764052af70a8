import {formatBytes} from '../shared/format-bytes.js';
import type {CheckProgress} from './check-types.js';

export type Rates = {readonly filesPerSecond: number; readonly bytesPerSecond: number};

function clock(seconds: number): string {
	const whole = Math.max(0, Math.round(seconds));
	const hours = Math.floor(whole / 3600);
	const minutes = Math.floor((whole % 3600) / 60);
	const rest = String(whole % 60).padStart(2, '0');
	return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

/**
One progress line: a bar, done of found ("+" while the walk still finds files), the rate of the
last few seconds, and an ETA once the total is known. Fits in `columns` (never wraps).
*/
export function formatProgressLine(progress: CheckProgress, rates: Rates, columns: number): string {
	const total = Math.max(progress.found, progress.done);
	const share = total === 0 ? 0 : progress.done / total;
	const barWidth = 20;
	const filled = Math.min(barWidth, Math.floor(share * barWidth));
	const bar = `[${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}]`;
	const count = `${progress.done}/${total}${progress.walkDone ? '' : '+'} files`;
	const rate = `${Math.round(rates.filesPerSecond)} files/s, ${formatBytes(rates.bytesPerSecond)}/s`;
	const left = total - progress.done;
	const eta =
		progress.walkDone && rates.filesPerSecond > 0
			? `  ETA ${clock(left / rates.filesPerSecond)}`
			: '';
	const line = `${bar} ${count}  ${rate}${eta}`;
	return line.length < columns ? line : line.slice(0, Math.max(0, columns - 1));
}

type Sample = {readonly at: number; readonly done: number; readonly bytes: number};

export type ProgressBar = {
	update(progress: CheckProgress): void;
	/** Clears the line; the report follows on a clean line. */
	stop(): void;
};

export type ProgressBarOptions = {
	readonly intervalMs?: number;
	/** Rates are measured over about this much recent time, so a burst of cache hits fades. */
	readonly windowMs?: number;
	readonly now?: () => number;
};

/**
A progress line on a terminal, redrawn at most every `intervalMs`. When `stream` is not a TTY
(piped, redirected, CI) it writes nothing at all.
*/
export function createProgressBar(
	stream: Pick<NodeJS.WriteStream, 'write' | 'isTTY' | 'columns'>,
	options: ProgressBarOptions = {},
): ProgressBar {
	if (stream.isTTY !== true) {
		return {update: () => undefined, stop: () => undefined};
	}

	const {intervalMs = 100, windowMs = 5000, now = () => performance.now()} = options;
	let latest: CheckProgress | undefined;
	let drawn = false;
	const samples: Sample[] = [];

	const draw = () => {
		if (latest === undefined) {
			return;
		}

		const at = now();
		samples.push({at, done: latest.done, bytes: latest.bytesRead});
		while (samples.length > 2 && at - (samples[1]?.at ?? at) >= windowMs) {
			samples.shift();
		}

		const first = samples[0] ?? {at, done: 0, bytes: 0};
		const seconds = (at - first.at) / 1000;
		const rates =
			seconds > 0
				? {
						filesPerSecond: (latest.done - first.done) / seconds,
						bytesPerSecond: (latest.bytesRead - first.bytes) / seconds,
					}
				: {filesPerSecond: 0, bytesPerSecond: 0};
		stream.write(`\r${formatProgressLine(latest, rates, stream.columns ?? 80)}\u001B[K`);
		drawn = true;
	};

	const timer = setInterval(draw, intervalMs);
	timer.unref();
	return {
		update(progress) {
			if (latest === undefined) {
				samples.push({at: now(), done: progress.done, bytes: progress.bytesRead});
			}

			latest = progress;
		},
		stop() {
			clearInterval(timer);
			if (drawn) {
				stream.write('\r\u001B[K');
			}
		},
	};
}
