import {escapeControl} from '../../shared/escape.js';
import type {CommitReport} from './types.js';

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

const baseName = (recordPath: string) => recordPath.slice(recordPath.lastIndexOf('/') + 1);

/** A folder as a shell argument: quoted when it holds anything but plain name characters. */
function shellArgument(folder: string): string {
	return /^[\w./-]+$/.test(folder) ? folder : `'${folder.replaceAll("'", "'\\''")}'`;
}

/**
The report as lines for people; every name and reason has its control characters escaped.
`dir` (the dataset folder) goes into the advice for files set aside to label again.
*/
export function describeCommit(report: CommitReport, options: {dir?: string} = {}): string[] {
	const lines: string[] = [];
	const {moved, skipped, failed, stopped} = report;
	if (moved.length > 0) {
		const byLabel = new Map<string, number>();
		for (const entry of moved) {
			byLabel.set(entry.label, (byLabel.get(entry.label) ?? 0) + 1);
		}

		const labels = [...byLabel].map(([label, count]) => `${escapeControl(label)} ${count}`);
		const recovered = moved.filter((entry) => entry.recovered).length;
		const finished = recovered > 0 ? `, ${recovered} of them finishing an interrupted commit` : '';
		lines.push(`Moved ${plural(moved.length, 'file')} (${labels.join(', ')})${finished}.`);
	} else if (skipped.length === 0 && failed.length === 0 && stopped === undefined) {
		lines.push('Nothing to commit: every decided file is in its class folder.');
	}

	for (const entry of moved) {
		if (baseName(entry.to) !== baseName(entry.path)) {
			lines.push(
				`Renamed ${escapeControl(entry.path)} to ${escapeControl(entry.to)}: another file had its name.`,
			);
		}
	}

	// The commit's caller journals a reopen for each of these, so they are undecided again.
	const folder = options.dir === undefined ? '<dir>' : shellArgument(options.dir);
	const label = `imgsift label ${escapeControl(folder)}`;
	for (const entry of skipped) {
		const what = entry.reason === 'changed' ? 'changed since it was decided' : 'missing';
		const advice =
			entry.reason === 'changed'
				? `its decision is set aside; \`${label}\` shows it again`
				: 'its decision is set aside';
		lines.push(
			`Not moved, ${what}: ${escapeControl(entry.path)}: ${escapeControl(entry.detail)}; ${advice}.`,
		);
	}

	for (const entry of failed) {
		lines.push(
			`Failed: ${escapeControl(entry.path)} (${escapeControl(entry.label)}): ${escapeControl(entry.reason)}. It stays in place; the next commit retries it.`,
		);
	}

	if (stopped !== undefined) {
		lines.push(`Commit stopped: ${escapeControl(stopped)}.`);
	}

	return lines;
}
