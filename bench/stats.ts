/** The p-th percentile (0-100) by nearest rank; NaN for no values. */
export function percentile(values: readonly number[], p: number): number {
	if (values.length === 0) {
		return Number.NaN;
	}

	const sorted = [...values].sort((left, right) => left - right);
	const rank = Math.ceil((Math.min(Math.max(p, 0), 100) / 100) * sorted.length);
	return sorted[Math.max(rank - 1, 0)] ?? Number.NaN;
}

export type Summary = {
	readonly count: number;
	readonly p50: number;
	readonly p99: number;
	readonly mean: number;
	readonly max: number;
};

export function summarize(values: readonly number[]): Summary {
	const total = values.reduce((sum, value) => sum + value, 0);
	return {
		count: values.length,
		p50: percentile(values, 50),
		p99: percentile(values, 99),
		mean: values.length === 0 ? Number.NaN : total / values.length,
		max:
			values.length === 0
				? Number.NaN
				: values.reduce((most, value) => Math.max(most, value), Number.NEGATIVE_INFINITY),
	};
}

/** Milliseconds for people: 0.042 ms, 3.1 ms, 48 ms, 2.35 s. */
export function formatMs(ms: number): string {
	if (!Number.isFinite(ms)) {
		return '-';
	}

	if (ms >= 1000) {
		return `${(ms / 1000).toFixed(2)} s`;
	}

	if (ms >= 10) {
		return `${ms.toFixed(0)} ms`;
	}

	return ms >= 1 ? `${ms.toFixed(1)} ms` : `${ms.toFixed(3)} ms`;
}

const byteUnits = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** Bytes in binary units: 512 B, 1.5 KiB, 6.2 GiB. */
export function formatBytes(bytes: number): string {
	if (!Number.isFinite(bytes)) {
		return '-';
	}

	let value = bytes;
	let unit = 0;
	while (Math.abs(value) >= 1024 && unit < byteUnits.length - 1) {
		value /= 1024;
		unit++;
	}

	return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${byteUnits[unit]}`;
}

/** `p50 3.1 ms, p99 12 ms (n=200)` */
export function formatSummary(summary: Summary): string {
	return `p50 ${formatMs(summary.p50)}, p99 ${formatMs(summary.p99)} (n=${summary.count})`;
}
