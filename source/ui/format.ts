/**
1234567.5 -> "1,234,568": what Intl.NumberFormat('en-US', {maximumFractionDigits: 0}) prints, the
same on every machine. Not Intl itself: its number format loads ICU's locale data, ~7 MiB of the
node binary kept resident for the whole session (README, start-up, eighth pass).
*/
export function formatCount(value: number): string {
	if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? '∞' : '-∞';
	// Halves away from zero, as Intl rounds; BigInt keeps 1e21 and up in plain digits.
	const digits = BigInt(Math.round(Math.abs(value))).toString();
	const grouped = digits.replaceAll(/\B(?=(?:\d{3})+$)/g, ',');
	return value < 0 || Object.is(value, -0) ? `-${grouped}` : grouped;
}

const sizeUnits = ['KB', 'MB', 'GB', 'TB'] as const;

/** 1536 -> "1.5 KB" (binary multiples, as file managers show them). */
export function formatFileSize(bytes: number): string {
	if (bytes < 1024) {
		return `${bytes} B`;
	}

	let value = bytes / 1024;
	let unit = 0;
	while (value >= 1024 && unit < sizeUnits.length - 1) {
		value /= 1024;
		unit++;
	}

	const digits = value < 10 ? 1 : 0;
	return `${value.toFixed(digits)} ${sizeUnits[unit]}`;
}

/** 5_400_000 -> "1h 30m"; 95_000 -> "1m 35s"; undefined -> "–". */
export function formatDuration(ms: number | undefined): string {
	if (ms === undefined || !Number.isFinite(ms) || ms < 0) {
		return '–';
	}

	const totalSeconds = Math.round(ms / 1000);
	const hours = Math.floor(totalSeconds / 3600);
	const minutes = Math.floor((totalSeconds % 3600) / 60);
	const seconds = totalSeconds % 60;
	if (hours > 0) {
		return `${hours}h ${String(minutes).padStart(2, '0')}m`;
	}

	return minutes > 0 ? `${minutes}m ${String(seconds).padStart(2, '0')}s` : `${seconds}s`;
}

export function formatRate(perHour: number | undefined): string {
	return perHour === undefined || !Number.isFinite(perHour) ? '–/h' : `${formatCount(perHour)}/h`;
}

export function formatPercent(fraction: number): string {
	return `${Math.round(Math.min(1, Math.max(0, fraction)) * 100)}%`;
}

export function formatDimensions(width: number | undefined, height: number | undefined): string {
	return width === undefined || height === undefined ? '? × ?' : `${width} × ${height}`;
}
