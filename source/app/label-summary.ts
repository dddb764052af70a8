import {escapeControl} from '../shared/escape.js';

/** Names the scan could not include (unreadable folders, names that are not UTF-8), a few of them. */
export function leftOutLines(problems: readonly string[], dir: string): string[] {
	if (problems.length === 0) {
		return [];
	}

	const shown = problems.slice(0, 5).map((problem) => `  ${problem}`);
	const more =
		problems.length > shown.length
			? ` (first 5 below; imgsift check ${escapeControl(dir)} lists all)`
			: '';
	return [
		`The scan left out ${problems.length === 1 ? '1 file or folder' : `${problems.length} files or folders`}${more}:`,
		...shown,
	];
}
