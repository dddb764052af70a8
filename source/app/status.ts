import type {TeamMode} from '../core/agreement/consensus-rule.js';
import {autoAcceptFigures} from '../core/auto-accept.js';
import {decidedPerClass, progressOf, type SessionState} from '../core/session-state.js';
import {eachJournalRecord} from '../ledger/files/journal-stream.js';
import {journalUsers} from '../ledger/files/read-journals.js';
import {databaseUrlFrom} from '../ledger/open-ledger.js';
import {agreementOf, type KeyTally, keyTally} from '../model/agreement.js';
import {walkImages} from '../scan/walk.js';
import {type TeamStatus, teamStatusOf} from '../session/team-status.js';
import {escapeControl, jsonForTerminal} from '../shared/escape.js';
import {keepHeapSmall} from '../shared/heap-budget.js';
import {isS3Url} from '../sources/s3/location.js';
import {labelsDir} from '../store/paths.js';
import {resolveOverlap} from '../store/team-config.js';
import {loadLayoutEngine} from '../ui/load-layout-engine.js';
import {readDataset} from './dataset.js';
import {countS3Images, readS3Dataset} from './s3-commands.js';
import {resolveS3Target, type S3Flags} from './s3-target.js';
import {formatHygiene, hygieneOf, type StatusHygiene} from './status-hygiene.js';
import {formatTeamStatus} from './status-team.js';
import {readTeamClaims, readTeamRecords} from './team-records.js';
import {letInkDrawLive} from './terminal.js';

export type StatusReport = {
	readonly dir: string;
	readonly user: string;
	readonly classes: readonly string[];
	readonly total: number;
	readonly decided: number;
	readonly perClass: Readonly<Record<string, number>>;
	readonly skipped: number;
	readonly committed: number;
	readonly pendingMoves: number;
	readonly undecided: number;
	readonly sessions: ReadonlyArray<{
		start: string;
		decided: number;
		labelsPerHour: number | undefined;
	}>;
	/** Decisions made while a guess was shown, how many agreed, and keys pressed per image. */
	readonly guesses: {
		readonly compared: number;
		readonly agreed: number;
		readonly keysPerImage: number | undefined;
	};
	/** Guesses accepted unseen, and their error rate as the audit measured it (95% Wilson). */
	readonly autoAccept?: {
		readonly accepted: number;
		readonly audited: number;
		readonly auditWrong: number;
		readonly errorRate: number | undefined;
		readonly errorInterval: {readonly low: number; readonly high: number};
	};
	/** Broken files set aside and exact copies decided with their group, from the journal. */
	readonly hygiene: StatusHygiene;
	readonly warnings: readonly string[];
	/** Everyone on the folder: present when several people label it, or in overlap mode. */
	readonly team?: TeamStatus;
};

/**
Counts image files now in the folder (names only, no decoding), for the total, and says which
names the count had to leave out.
*/
async function countImages(dir: string, out: string): Promise<{count: number; leftOut: string[]}> {
	let count = 0;
	const leftOut: string[] = [];
	const onProblem = (itemPath: string, reason: string) => {
		leftOut.push(`not counted: ${itemPath}: ${reason}`);
	};
	for await (const batch of walkImages(dir, {ignore: [labelsDir(dir), out], onProblem})) {
		count += batch.length;
	}

	return {count, leftOut};
}

export function statusOf(
	state: SessionState,
	found: number,
	context: {dir: string; user: string; warnings: readonly string[]},
	/** The journal's records, counted (none counted: 0 keys per image). */
	keys: KeyTally = keyTally(),
): StatusReport {
	const progress = progressOf(state);
	// Files still in the folder plus those already moved out of it (the scan skips the output).
	const total = found + progress.committed;
	return {
		dir: context.dir,
		user: context.user,
		classes: state.classes,
		total,
		decided: progress.decided,
		perClass: decidedPerClass(state),
		skipped: progress.skipped,
		committed: progress.committed,
		pendingMoves: progress.decided + progress.copies - progress.committed,
		undecided: Math.max(0, total - progress.decided - progress.copies - progress.broken),
		sessions: state.sessions.map((session) => ({
			start: session.start,
			decided: session.decided,
			labelsPerHour:
				session.decided > 0 && session.activeMs > 0
					? Math.round((session.decided * 3_600_000) / session.activeMs)
					: undefined,
		})),
		guesses: {
			...agreementOf(state.decisions),
			keysPerImage: keys.perImage(progress.decided),
		},
		...autoAcceptOf(state),
		hygiene: hygieneOf(state),
		warnings: context.warnings,
	};
}

function autoAcceptOf(state: SessionState): Pick<StatusReport, 'autoAccept'> {
	const figures = autoAcceptFigures(state, 1);
	if (figures.auto === 0 && figures.audited === 0) {
		return {};
	}

	const {auto: accepted, audited, auditWrong, errorInterval} = figures;
	const errorRate = audited > 0 ? auditWrong / audited : undefined;
	return {autoAccept: {accepted, audited, auditWrong, errorRate, errorInterval}};
}

const percentOf = (value: number) => `${(value * 100).toFixed(1)}%`;

function formatAutoAccept(auto: NonNullable<StatusReport['autoAccept']>): string[] {
	const {accepted, audited, auditWrong, errorRate, errorInterval} = auto;
	const estimate =
		errorRate === undefined
			? 'no audit yet, so no error estimate'
			: `audit: ${auditWrong} of ${audited} wrong, error ${percentOf(errorRate)} (95% CI ${percentOf(errorInterval.low)}–${percentOf(errorInterval.high)})`;
	return [`  auto         ${accepted} guesses accepted unseen; ${estimate}`];
}

export function formatStatus(report: StatusReport): string {
	const lines = [
		`${escapeControl(report.dir)} (journal of ${report.user})`,
		`  decided      ${report.decided}/${report.total}  (${report.undecided} to go, ${report.skipped} skipped)`,
		...report.classes.map((name) => `    ${name.padEnd(12)} ${report.perClass[name] ?? 0}`),
		`  committed    ${report.committed}`,
		`  pending      ${report.pendingMoves} decided files not yet moved (imgsift commit moves them)`,
	];
	const {compared, agreed, keysPerImage} = report.guesses;
	if (compared > 0) {
		lines.push(
			`  guesses      ${agreed} of ${compared} decisions agreed with the guess shown (${Math.round((100 * agreed) / compared)}%)`,
		);
	}

	if (keysPerImage !== undefined) {
		lines.push(`  keys         ${keysPerImage.toFixed(2)} per image decided`);
	}

	if (report.autoAccept) {
		lines.push(...formatAutoAccept(report.autoAccept));
	}

	lines.push(...formatHygiene(report.hygiene));
	const recent = report.sessions.slice(0, 5);
	if (recent.length > 0) {
		lines.push('  sessions (newest first):');
		for (const session of recent) {
			const rate = session.labelsPerHour === undefined ? '—' : `${session.labelsPerHour}/h`;
			lines.push(`    ${session.start}  ${String(session.decided).padStart(6)} labels  ${rate}`);
		}
	}

	if (report.team) {
		lines.push(...formatTeamStatus(report.team));
	}

	return [
		...lines,
		...report.warnings.map((warning) => `  warning: ${escapeControl(warning)}`),
	].join('\n');
}

export type StatusOptions = {
	readonly dir: string;
	readonly user?: string | undefined;
	readonly json: boolean;
	/** Overlap mode's votes per image (2–9); absent means exclusive. */
	readonly overlap?: number | undefined;
	readonly watch?: boolean | undefined;
	/** `--db`: the team's records come from PostgreSQL. */
	readonly db?: string | undefined;
	/** The clock, for tests. */
	readonly now?: () => number;
	/** For an s3:// prefix: where its state folder is, and how to reach the store. */
	readonly s3?: S3Flags | undefined;
};

export function teamModeOf(overlap: number | undefined): TeamMode {
	return overlap === undefined || overlap < 2
		? {kind: 'exclusive'}
		: {kind: 'overlap', votes: overlap};
}

/** Reads the folder afresh: this user's status, plus the team's when more than one person labels. */
export async function readStatus(options: StatusOptions): Promise<StatusReport> {
	const target = isS3Url(options.dir) ? await resolveS3Target(options.dir, options.s3) : undefined;
	const dataset = target
		? await readS3Dataset(target, options.user)
		: await readDataset(options.dir, options.user);
	const found = target
		? {count: await countS3Images(target), leftOut: []}
		: await countImages(dataset.dir, dataset.out);
	// Streamed, not read whole: at 100k records the records alone held ~40 MB.
	const keys = keyTally();
	await eachJournalRecord(dataset.journalFile, (record) => keys.add(record));
	const warnings = [...dataset.warnings, ...found.leftOut];
	const dir = target?.url ?? dataset.dir;
	const report = statusOf(dataset.state, found.count, {...dataset, dir, warnings}, keys);
	const db = databaseUrlFrom(options.db);
	// On this box the folder remembers the overlap it is labeled with (a database keeps its own).
	const overlap =
		db === undefined
			? await resolveOverlap(dataset.dir, options.overlap, {save: false})
			: options.overlap;
	const claims = await readTeamClaims(dataset.dir, db);
	// One person on a folder has no team to show: their journal is not read a third time. (A folder
	// that cannot be listed is left to readTeamRecords, which says why.)
	const journals = db === undefined ? await journalUsers(dataset.dir).catch(() => undefined) : [];
	const people = new Set([...(journals ?? []), ...claims.keys()]);
	if (db === undefined && journals !== undefined && people.size < 2 && overlap === undefined) {
		return report;
	}

	const recorded = await readTeamRecords(dataset.dir, db);
	// A person who has claimed images but decided none yet is on the team too.
	const users = [
		...recorded,
		...[...claims.keys()]
			.filter((user) => !recorded.some((entry) => entry.user === user))
			.map((user) => ({user, records: []})),
	];
	if (users.length < 2 && overlap === undefined) {
		return report;
	}

	const team = teamStatusOf({
		users,
		claims,
		mode: teamModeOf(overlap),
		classes: dataset.state.classes,
		total: report.total,
		now: (options.now ?? Date.now)(),
	});
	return {...report, team};
}

export async function runStatus(options: StatusOptions) {
	if (options.watch) {
		letInkDrawLive();
		await loadLayoutEngine();
		const {runStatusWatch} = await import('./status-watch.js');
		await runStatusWatch(async () => formatStatus(await readStatus(options)).split('\n'));
		return;
	}

	keepHeapSmall();
	const report = await readStatus(options);
	process.stdout.write(
		options.json ? `${jsonForTerminal(report, 2)}\n` : `${formatStatus(report)}\n`,
	);
}
