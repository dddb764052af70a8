import type {PersonAccuracy} from '../core/agreement/confusion.js';
import type {TeamStatus} from '../session/team-status.js';
import {escapeControl} from '../shared/escape.js';

const figure = (value: number | undefined, digits = 2) =>
	value === undefined ? '—' : value.toFixed(digits);

/** "2 h 05 min", "4 min", "< 1 min": an ETA a person reads at a glance. */
export function formatDuration(ms: number | undefined): string {
	if (ms === undefined) {
		return '— (nobody labeled in the last 10 minutes)';
	}

	const minutesTotal = Math.round(ms / 60_000);
	if (minutesTotal < 1) {
		return '< 1 min';
	}

	const hours = Math.floor(minutesTotal / 60);
	const minutes = minutesTotal % 60;
	return hours === 0 ? `${minutes} min` : `${hours} h ${String(minutes).padStart(2, '0')} min`;
}

function ago(lastSeen: string | undefined, now: string): string {
	if (lastSeen === undefined) {
		return 'never';
	}

	const seconds = Math.max(0, Math.round((Date.parse(now) - Date.parse(lastSeen)) / 1000));
	const amount = seconds < 120 ? `${seconds} s` : `${formatDuration(seconds * 1000)}`;
	return `${lastSeen.slice(0, 19).replace('T', ' ')} (${amount} ago)`;
}

/** The mistakes in one person's confusion table: "cat→dog 3" = said dog where cat was final. */
function mistakes(person: PersonAccuracy): string {
	const cells: string[] = [];
	for (const [final, row] of Object.entries(person.confusion)) {
		for (const [given, count] of Object.entries(row)) {
			if (given !== final) {
				cells.push(`${escapeControl(final)}→${escapeControl(given)} ${count}`);
			}
		}
	}

	return cells.length === 0 ? 'no mistakes' : cells.join(', ');
}

/** The team part of `imgsift status`: printed only when more than one person labels the folder. */
export function formatTeamStatus(status: TeamStatus): string[] {
	const {mode, agreement} = status;
	const modeText =
		mode.kind === 'exclusive'
			? 'exclusive: each image decided by one person'
			: `overlap: each image decided by ${mode.votes} people`;
	const consensus =
		agreement.method === 'dawid-skene'
			? `Dawid–Skene over ${agreement.overlapItems} overlapping items`
			: `majority vote (Dawid–Skene from ${agreement.minOverlap} overlapping items, ${agreement.overlapItems} so far)`;
	const lines = [
		`  team         ${status.people.length} people, ${modeText}`,
		`    ${'person'.padEnd(14)} ${'decisions'.padStart(9)} ${'rate/h'.padStart(7)} ${'claims'.padStart(6)}  last seen`,
		...status.people.map(
			(person) =>
				`    ${escapeControl(person.user).padEnd(14)} ${String(person.decisions).padStart(9)} ${String(person.ratePerHour).padStart(7)} ${(person.activeClaims === null ? '?' : String(person.activeClaims)).padStart(6)}  ${ago(person.lastSeen, status.now)}${person.adjudications > 0 ? `  (${person.adjudications} adjudicated)` : ''}`,
		),
		`    team rate ${status.team.ratePerHour}/h, ${status.team.remainingVotes} ${mode.kind === 'exclusive' ? 'images' : 'votes'} to go, ETA ${formatDuration(status.team.etaMs)}`,
		`  items        ${status.items.settled} settled, ${status.items.adjudicated} adjudicated, ${status.items.pending} pending, ${status.items.contested} contested (imgsift label --adjudicate settles them)`,
	];
	if (agreement.overlapItems === 0) {
		// Exclusive mode: one vote per image, so no consensus or agreement to speak of.
		return mode.kind === 'exclusive'
			? lines
			: [...lines, `  consensus    ${consensus}`, '  agreement    no image has two votes yet'];
	}

	lines.push(`  consensus    ${consensus}`);

	lines.push(
		`  agreement    Fleiss κ ${figure(agreement.fleiss.kappa)}, Krippendorff α ${figure(agreement.alpha.alpha)} (${agreement.overlapItems} items with 2+ votes)`,
		...agreement.pairs
			.filter((pair) => pair.items > 0)
			.map(
				(pair) =>
					`    Cohen κ ${escapeControl(pair.raters[0])} & ${escapeControl(pair.raters[1])}: ${figure(pair.kappa)} over ${pair.items} ${pair.items === 1 ? 'item' : 'items'}`,
			),
		...agreement.accuracy.map((person) => {
			const percent = (value: number) => `${Math.round(value * 100)}%`;
			const range = `${percent(person.interval.low)}–${percent(person.interval.high)}`;
			return person.accuracy === undefined
				? `    ${escapeControl(person.rater)}: no final label to compare with yet`
				: `    ${escapeControl(person.rater)}: ${percent(person.accuracy)} right of ${person.compared} with a final label (95% ${range}); ${mistakes(person)}`;
		}),
	);
	return lines;
}
