/**
The team bench: simulated labelers (child processes driving the ledger, no TTY) on one dataset, on
the embedded files adapter and on PostgreSQL. Checks every item got exactly the votes asked for,
times what the ledger adds to a keypress, kills a labeler and restarts the database mid-run.
*/
import {type ChildProcess, spawn} from 'node:child_process';
import {mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {createInterface} from 'node:readline';
import {fileURLToPath} from 'node:url';
import {readAllJournals} from '../source/ledger/files/read-journals.js';
import type {LabelingMode, UserRecords} from '../source/ledger/ledger.js';
import {openLedger} from '../source/ledger/open-ledger.js';
import {startTestPostgres, type TestPostgres} from '../tests/helpers/postgres.js';
import {type Summary, summarize} from './stats.js';
import {freshDatabase, readDatabase} from './team-database.js';
import type {LabelerOptions} from './team-labeler.js';
import {countTeamRecords, type TeamCount} from './team-verify.js';

const labelerScript = fileURLToPath(new URL('team-labeler.js', import.meta.url));

export type TeamScenario = {
	readonly backend: 'files' | 'postgres';
	readonly labelers: number;
	readonly mode: LabelingMode;
	readonly items: number;
	readonly paceMs: number;
	readonly leaseMs: number;
	readonly kill: boolean;
	readonly restartDatabase: boolean;
};

export type TeamResult = {
	readonly scenario: TeamScenario;
	readonly count: TeamCount;
	readonly wallMs: number;
	/** What the ledger added to each keypress: the append, and any wait for a claim. */
	readonly costs: Summary;
	/** The append alone: the keypress path (local journal; the database is not waited for). */
	readonly appends: Summary;
	/** CPU time of the append (microsecond clock): its own work, without waits for a core. */
	readonly appendCpu: Summary;
	readonly claims: Summary;
	/** Event loop lateness of the labelers (medians of their p50 and p99): the machine's floor. */
	readonly lateness: {readonly p50: number; readonly p99: number};
	/** PostgreSQL: from the keypress to the database storing the decision, in the background. */
	readonly syncLags?: Summary;
	/** Decisions per second between the first and the last decision (no idle tail). */
	readonly sustained: number;
	/** PostgreSQL: late votes refused as their item was decided by someone else meanwhile. */
	readonly refused?: number;
	/** The killed labeler's decisions that were in its journal only when it was killed. */
	readonly unsentAtKill?: number;
	/** After the kill: the longest wait until another labeler claimed one of the victim's items. */
	readonly killedReturnMs?: number;
	readonly killedHeld?: number;
	/** PostgreSQL: the victim's decisions that reached the database only when it reopened. */
	readonly resynced?: number;
};

type Labeler = {user: string; child: ChildProcess; exited: Promise<void>};
type Claimed = {user: string; at: number; paths: string[]};

const victimPaceMs = 50;
const itemPath = (index: number) => `img/${String(index).padStart(6, '0')}.jpg`;

/** Decisions per second from the first decision's time to the last one's. */
function sustainedRate(all: readonly UserRecords[]): number {
	const times = all.flatMap(({records}) =>
		records.filter((record) => record.op === 'decide').map((record) => Date.parse(record.time)),
	);
	const span = Math.max(...times) - Math.min(...times);
	return span > 0 ? (times.length / span) * 1000 : Number.NaN;
}

export async function runTeamScenario(
	scenario: TeamScenario,
	server: TestPostgres | undefined,
): Promise<TeamResult> {
	const dataset = await mkdtemp(path.join(os.tmpdir(), 'imgsift-team-bench-'));
	const db = scenario.backend === 'postgres' && server ? await freshDatabase(server) : undefined;
	const claimed: Claimed[] = [];
	const done = new Map<
		string,
		{
			costs: number[];
			appends: number[];
			appendCpu: number[];
			claims: number[];
			lateness: {p50: number; p99: number};
		}
	>();
	const needed = scenario.mode.kind === 'exclusive' ? 1 : scenario.mode.votes;
	let claimedTotal = 0;
	let killedAt: number | undefined;
	let restarting: Promise<void> | undefined;
	let victimClaims = 0;
	let unsentAtKill: number | undefined;
	/** Kill and restart together: the database stops, the victim decides offline, is killed. */
	const together = scenario.kill && scenario.restartDatabase && server !== undefined;
	let startAgain: (() => void) | undefined;
	/** The victim's decisions waiting in its journal, as it last said (offline only). */
	let victimUnsent = 0;
	const unsentEnough = 1;
	const killVictim = (unsent?: number) => {
		labelers[0]?.child.kill('SIGKILL');
		killedAt = Date.now();
		unsentAtKill = unsent;
		startAgain?.();
	};
	const started = Date.now();
	const labelers: Labeler[] = Array.from({length: scenario.labelers}, (_, index) => {
		const user = `labeler${index + 1}`;
		const options: LabelerOptions = {
			dataset,
			...(db === undefined ? {} : {db}),
			user,
			mode: scenario.mode,
			leaseMs: scenario.leaseMs,
			items: scenario.items,
			// The victim of a kill during an outage labels slower, so that it still has claimed items
			// to decide (offline) once the database is down: a person at 20 decisions/s.
			paceMs: together && index === 0 ? victimPaceMs : scenario.paceMs,
			idleExitMs: scenario.leaseMs + 3000,
		};
		const child = spawn(process.execPath, [labelerScript, JSON.stringify(options)], {
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
		createInterface({input: child.stdout as NodeJS.ReadableStream}).on('line', (line) => {
			const message = JSON.parse(line) as {t: string; n?: number} & Partial<Claimed> & {
					costs?: number[];
					appends?: number[];
					appendCpu?: number[];
					claims?: number[];
					lateness?: {p50: number; p99: number};
				};
			if (message.t === 'claimed') {
				claimed.push({user, at: message.at ?? Date.now(), paths: message.paths ?? []});
				claimedTotal += message.paths?.length ?? 0;
				if (user === 'labeler1') victimClaims++;
				const share = claimedTotal / (scenario.items * needed);
				// The victim must be mid-run: holding claims, with decisions made.
				const due = share > 0.3 && victimClaims >= 2 && killedAt === undefined;
				if (together && due && restarting === undefined && server) {
					restarting = server.stop().then(async () => {
						// Back once the victim was killed holding unsent decisions (or after 2 s).
						await new Promise<void>((resolve) => {
							startAgain = resolve;
							if (victimUnsent >= unsentEnough) killVictim(victimUnsent);
							setTimeout(resolve, 2000);
						});
						if (killedAt === undefined) killVictim();
						await server.start();
					});
				} else if (!together && scenario.kill && due && user !== 'labeler1') {
					killVictim();
				}

				if (
					!together &&
					scenario.restartDatabase &&
					server &&
					restarting === undefined &&
					share > 0.5
				) {
					restarting = server.restart();
				}
			} else if (message.t === 'unsent' && user === 'labeler1' && together && restarting) {
				// Offline: the victim's decisions wait in its journal. Kill it with some there.
				victimUnsent = message.n ?? 0;
				if (killedAt === undefined && victimUnsent >= unsentEnough && startAgain) {
					killVictim(victimUnsent);
				}
			} else if (message.t === 'done') {
				done.set(user, {
					costs: message.costs ?? [],
					appends: message.appends ?? [],
					appendCpu: message.appendCpu ?? [],
					claims: message.claims ?? [],
					lateness: message.lateness ?? {p50: Number.NaN, p99: Number.NaN},
				});
			}
		});
		return {user, child, exited};
	});
	await Promise.all(labelers.map((labeler) => labeler.exited));
	await restarting;
	const wallMs = Date.now() - started;
	let resynced: number | undefined;
	if (scenario.kill && db !== undefined) {
		// The killed person starts again: their local journal sends what the database lacks.
		const again = await openLedger({dataset, db, user: 'labeler1', mode: scenario.mode});
		resynced = again.status().pending;
		await again.close();
	}

	const fromDb = db === undefined ? undefined : await readDatabase(db, dataset);
	const all = fromDb?.all ?? (await readAllJournals(dataset));
	const paths = Array.from({length: scenario.items}, (_, index) => itemPath(index));
	const count = countTeamRecords(all, paths, needed);
	const result: TeamResult = {
		scenario,
		count,
		wallMs,
		costs: summarize([...done.values()].flatMap((each) => each.costs)),
		appends: summarize([...done.values()].flatMap((each) => each.appends)),
		appendCpu: summarize([...done.values()].flatMap((each) => each.appendCpu)),
		claims: summarize([...done.values()].flatMap((each) => each.claims)),
		sustained: sustainedRate(all),
		lateness: {
			p50: summarize([...done.values()].map((each) => each.lateness.p50)).p50,
			p99: summarize([...done.values()].map((each) => each.lateness.p99)).p50,
		},
		...(fromDb === undefined
			? {}
			: {syncLags: summarize(fromDb.syncLags), refused: fromDb.refused}),
		...(unsentAtKill === undefined ? {} : {unsentAtKill}),
		...(killedAt === undefined ? {} : killedFigures(killedAt, claimed, all)),
		...(resynced === undefined ? {} : {resynced}),
	};
	await rm(dataset, {recursive: true, force: true});
	return result;
}

function killedFigures(killedAt: number, claimed: readonly Claimed[], all: readonly UserRecords[]) {
	const decidedByVictim = new Set(
		all
			.find((entry) => entry.user === 'labeler1')
			?.records.map((record) => ('path' in record ? record.path : '')),
	);
	const held = new Set(
		claimed
			.filter((each) => each.user === 'labeler1' && each.at <= killedAt)
			.flatMap((each) => each.paths)
			.filter((item) => !decidedByVictim.has(item)),
	);
	let longest = 0;
	for (const item of held) {
		const back = claimed.find(
			(each) => each.user !== 'labeler1' && each.at >= killedAt && each.paths.includes(item),
		);
		longest = Math.max(longest, back === undefined ? Number.POSITIVE_INFINITY : back.at - killedAt);
	}

	return {killedReturnMs: longest, killedHeld: held.size};
}

export async function runTeamBench(options: {readonly quick: boolean}): Promise<TeamResult[]> {
	const items = options.quick ? 2000 : 10_000;
	const server = await startTestPostgres();
	const pgServer = typeof server === 'string' ? undefined : server;
	const overlap = {kind: 'overlap', votes: 3} as const;
	const exclusive = {kind: 'exclusive'} as const;
	const base = {items, leaseMs: 5000, kill: false, restartDatabase: false};
	const scenarios: TeamScenario[] = [
		{...base, backend: 'files', labelers: 4, mode: exclusive, paceMs: 2, kill: true},
		{...base, backend: 'files', labelers: 4, mode: overlap, paceMs: 2},
		{...base, backend: 'files', labelers: 8, mode: exclusive, paceMs: 0},
		...(pgServer === undefined
			? []
			: ([
					{
						...base,
						backend: 'postgres',
						labelers: 8,
						mode: exclusive,
						paceMs: 5,
						kill: true,
						restartDatabase: true,
					},
					{...base, backend: 'postgres', labelers: 8, mode: overlap, paceMs: 5},
					{...base, backend: 'postgres', labelers: 8, mode: exclusive, paceMs: 0},
				] satisfies TeamScenario[])),
	];
	const results: TeamResult[] = [];
	try {
		for (const scenario of scenarios) {
			results.push(await runTeamScenario(scenario, pgServer));
		}
	} finally {
		await pgServer?.close();
	}

	if (typeof server === 'string') {
		process.stdout.write(`  (PostgreSQL runs skipped: ${server})\n`);
	}

	return results;
}
