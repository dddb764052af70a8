import type {CheckReason} from '../image/validate.js';
import {escapeControl} from '../shared/escape.js';
import {formatBytes} from '../shared/format-bytes.js';
import type {CheckReport} from './check-report.js';

export {formatBytes};

/** What the user can do about each kind of broken file. */
export const remedies: Readonly<Record<CheckReason, string>> = {
	empty: 'copy or download it again',
	truncated: 'copy or download it again',
	corrupt: 'replace it with a good copy',
	'not-an-image': 'move it out of the dataset folder',
	'unsupported-format': 'convert it to JPEG or PNG',
	'too-many-pixels': 'downscale it, or raise --max-pixels',
	unreadable: 'fix its permissions, then check again',
};

function formatSeconds(ms: number): string {
	return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

const plural = (count: number, one: string, many = `${one}s`) =>
	`${count} ${count === 1 ? one : many}`;

function summaryLines(report: CheckReport): string[] {
	const {summary, settings} = report;
	const reasons = Object.entries(summary.brokenByReason)
		.filter(([, count]) => count > 0)
		.map(([reason, count]) => `${reason} ${count}`)
		.join(', ');
	const row = (label: string, count: number, note = '') =>
		`  ${label.padEnd(18)}${String(count).padStart(8)}${note === '' ? '' : `  ${note}`}`;
	const lines = [
		`imgsift check ${escapeControl(report.dir)}${report.complete ? '' : '  (stopped early: partial results)'}`,
		row('files', summary.files),
		row('images', summary.images),
		row('broken', summary.broken, reasons),
		row(
			'duplicate groups',
			summary.duplicateGroups,
			summary.duplicateCopies === 0
				? ''
				: `${plural(summary.duplicateCopies, 'extra copy', 'extra copies')}, ${formatBytes(summary.duplicateBytes)} to free`,
		),
		row(
			'near-dup groups',
			summary.nearGroups,
			summary.nearGroups === 0
				? ''
				: `${plural(summary.nearImages, 'image')} within ${settings.nearDistance} bits`,
		),
	];
	if (summary.skipped > 0) {
		lines.push(row('skipped', summary.skipped, 'links and special files, not followed'));
	}

	if (summary.walkProblems > 0) {
		lines.push(row('unreadable', summary.walkProblems, 'folders or names'));
	}

	const speed = `${plural(summary.checked, 'file')} read (${formatBytes(summary.bytesRead)}), ${summary.fromCache} from cache, in ${formatSeconds(summary.elapsedMs)}`;
	lines.push(`  ${speed}`);
	return lines;
}

function brokenLines(report: CheckReport): string[] {
	const broken = report.files.filter((file) => file.status === 'broken');
	if (broken.length === 0) {
		return [];
	}

	const width = Math.max(...broken.map((file) => (file.reason ?? '').length));
	const lines = ['', 'Broken files:'];
	for (const file of broken) {
		const reason = (file.reason ?? '').padEnd(width);
		lines.push(`  ${reason}  ${escapeControl(file.path)}: ${escapeControl(file.detail ?? '')}`);
	}

	const present = [...new Set(broken.map((file) => file.reason))];
	lines.push('  What to do:');
	for (const reason of present) {
		if (reason !== undefined) {
			lines.push(`    ${reason.padEnd(width)}  ${remedies[reason]}`);
		}
	}

	return lines;
}

function groupLines(report: CheckReport): string[] {
	const lines: string[] = [];
	if (report.duplicateGroups.length > 0) {
		lines.push('', 'Exact duplicates (same bytes; the first of each group is kept):');
		for (const group of report.duplicateGroups) {
			const label = `${group.id}.`.padEnd(5);
			const size = formatBytes(group.size).padStart(8);
			for (const [index, path] of group.paths.entries()) {
				const lead = index === 0 ? `  ${label}${size}  ` : ' '.repeat(17);
				lines.push(`${lead}${escapeControl(path)}${index === 0 ? '' : '  (copy)'}`);
			}
		}
	}

	if (report.nearGroups.length > 0) {
		lines.push('', 'Near duplicates (d: bits differing from the first image of the group):');
		for (const group of report.nearGroups) {
			const label = `${group.id}.`.padEnd(5);
			for (const [index, member] of group.members.entries()) {
				const lead = index === 0 ? `  ${label}` : ' '.repeat(7);
				const distance = index === 0 ? '' : `  d=${member.distance}`;
				lines.push(`${lead}${escapeControl(member.path)}${distance}`);
			}
		}
	}

	return lines;
}

function noteLines(report: CheckReport): string[] {
	const notes = [
		...report.walkProblems.map((note) => `unreadable: ${escapeControl(note.path)}: ${note.reason}`),
		...report.skipped.map((note) => `skipped: ${escapeControl(note.path)}: ${note.reason}`),
		...report.warnings.map((warning) => `warning: ${escapeControl(warning)}`),
	];
	return notes.length === 0 ? [] : ['', ...notes.map((note) => `  ${note}`)];
}

function quarantineLines(report: CheckReport): string[] {
	const outcome = report.quarantine;
	if (outcome === undefined) {
		return [];
	}

	const lines = ['', `Quarantined ${plural(outcome.moved.length, 'file')}:`];
	for (const entry of outcome.moved) {
		lines.push(`  ${escapeControl(entry.path)} -> ${escapeControl(entry.to)}`);
	}

	for (const failure of outcome.failed) {
		lines.push(`  not moved: ${escapeControl(failure.path)}: ${escapeControl(failure.error)}`);
	}

	if (outcome.moved.length > 0) {
		lines.push('  Undo with: imgsift check <dir> --restore-quarantine');
	}

	return lines;
}

/** The human report: summary table, then broken files, groups and notes, paths escaped. */
export function formatCheckReport(report: CheckReport): string {
	const lines = [
		...summaryLines(report),
		...brokenLines(report),
		...groupLines(report),
		...noteLines(report),
		...quarantineLines(report),
	];
	if (report.quarantine === undefined && report.summary.broken > 0 && report.complete) {
		lines.push(
			'',
			`Move the broken files aside with --quarantine (to ${escapeControl(report.out)}/_quarantine/<reason>/; nothing is deleted).`,
		);
	}

	return lines.join('\n');
}
