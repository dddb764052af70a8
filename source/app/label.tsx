import os from 'node:os';
import type {TeamMode} from '../core/agreement/consensus-rule.js';
import {type AutoAcceptOptions, defaultAudit, defaultAutoAfter} from '../core/auto-accept.js';
import {removePartialCopiesNow} from '../files/commit/move-file.js';
import {databaseUrlFrom} from '../ledger/open-ledger.js';
import {describeChoice} from '../render/choose.js';
import type {GuessOrder} from '../session/ranked-feed.js';
import {escapeControl} from '../shared/escape.js';
import {collectGarbageIfOver, keepHeapSmall} from '../shared/heap-budget.js';
import {settleWithin} from '../shared/settle-within.js';
import {UserError} from '../shared/user-error.js';
import {rememberManifest} from '../sources/manifest-source.js';
import {isS3Url} from '../sources/s3/location.js';
import {loadProject} from '../store/project-config.js';
import {resolveOverlap} from '../store/team-config.js';
import {loadLayoutEngine} from '../ui/load-layout-engine.js';
import {adjudicationSummary, planAdjudication} from './adjudicate.js';
import {datasetFolder, openDataset, type TeamFlags} from './dataset.js';
import type {LabelGuessOptions} from './label-guesses.js';
import {startLabelSession} from './label-session.js';
import {pickRenderer, type RenderFlags} from './pick-renderer.js';
import type {S3Session} from './s3-session.js';
import type {S3Flags} from './s3-target.js';
import {keysOnlyStdin, letInkDrawLive, takeOverTerminal} from './terminal.js';

/** How long the session's background work gets to stop after a quit (it takes well under 1 s). */
const stopLimitMs = 20_000;

export type LabelOptions = {
	readonly dir: string;
	readonly classes?: string | undefined;
	readonly out?: string | undefined;
	readonly user?: string | undefined;
	/** path and shuffle are saved in the project; uncertain and confident apply to this run. */
	readonly order?: 'path' | 'shuffle' | GuessOrder | undefined;
	readonly seed?: number | undefined;
	readonly commitOnExit: boolean;
	/** --render, --colors, --low-bandwidth; absent: half-blocks by COLORTERM, no terminal probe. */
	readonly render?: RenderFlags | undefined;
	/** `--view grid` starts in the grid; `g` switches at any time. */
	readonly view?: 'single' | 'grid' | undefined;
	/** `--auto-accept P`: accept guesses at least P sure (calibrated) unseen, audited. */
	readonly autoAccept?: number | undefined;
	readonly autoAfter?: number | undefined;
	readonly audit?: number | undefined;
	/** For an `s3://bucket/prefix/` dir: endpoint, profile, state folder, cache. */
	readonly s3?: S3Flags | undefined;
	/** A Ground Truth input manifest: label the images it lists, in its order. */
	readonly manifest?: string | undefined;
	/** Show only the contested images; this person's keys are final. */
	readonly adjudicate?: boolean | undefined;
} & TeamFlags &
	Omit<LabelGuessOptions, 'guessOrder'>;

/** The auto-accept policy from the flags, checked; undefined without --auto-accept. */
function autoOptionsOf(options: LabelOptions): AutoAcceptOptions | undefined {
	const {autoAccept, autoAfter = defaultAutoAfter, audit = defaultAudit} = options;
	if (autoAccept === undefined) {
		return undefined;
	}

	if (!(autoAccept > 0.5 && autoAccept < 1)) {
		throw new UserError(
			`--auto-accept must be a probability above 0.5 and below 1 (for example 0.99), got ${autoAccept}.`,
		);
	}

	if (!(Number.isInteger(autoAfter) && autoAfter >= 0)) {
		throw new UserError(
			`--auto-after must be a whole number of decisions (≥ 0), got ${autoAfter}.`,
		);
	}

	if (!(audit >= 0 && audit <= 1)) {
		throw new UserError(`--audit must be a fraction from 0 to 1 (for example 0.02), got ${audit}.`);
	}

	return {threshold: autoAccept, after: autoAfter, audit, seed: options.seed ?? 14};
}

function projectFlags(options: LabelOptions) {
	return {
		...(options.classes === undefined
			? {}
			: {classes: options.classes.split(',').map((name) => name.trim())}),
		...(options.out === undefined || isS3Url(options.out) ? {} : {out: options.out}),
		...(options.order === 'path' || options.order === 'shuffle' ? {order: options.order} : {}),
		...(options.seed === undefined ? {} : {seed: options.seed}),
		...(options.user === undefined ? {} : {user: options.user}),
	};
}

/** The contested images to show, after saying how many there are (and why none, if none). */
async function adjudicationOf(options: LabelOptions) {
	const dir = await datasetFolder(options.dir);
	const config = await loadProject(dir);
	if (!config) {
		throw new UserError(
			`${options.dir} has no imgsift project yet, so nothing to adjudicate. Label it first: imgsift label ${options.dir} --classes photo,screenshot`,
		);
	}

	// The folder remembers the overlap it is labeled with (a database keeps its own).
	const overlap =
		databaseUrlFrom(options.db) === undefined
			? await resolveOverlap(dir, options.overlap, {save: false})
			: options.overlap;
	const mode: TeamMode =
		overlap === undefined ? {kind: 'exclusive'} : {kind: 'overlap', votes: overlap};
	const plan = await planAdjudication(dir, options.user ?? config.user, mode, config.classes);
	process.stderr.write(`${adjudicationSummary(plan)}\n`);
	return plan.queue;
}

export async function runLabel(options: LabelOptions): Promise<void> {
	// Bad numbers are refused before the terminal is taken over, so the message stays readable.
	autoOptionsOf(options);
	if (!process.stdout.isTTY || !process.stdin.isTTY) {
		throw new UserError(
			`labeling needs a terminal, and ${process.stdout.isTTY ? 'input' : 'output'} is not one. To see progress run: imgsift status ${escapeControl(options.dir)}; to move decided files: imgsift commit ${escapeControl(options.dir)}`,
		);
	}

	// The heap grows only by what a session holds (see heap-budget), from before the imports and
	// the journal's replay. Set after the replay, as it was, a resumed 100k start peaked 30 MiB
	// higher in half the starts: a full collection during the replay had sized the old generation
	// by V8's own factor, and none came again before the walk's end (README, start-up, eighth
	// pass). The young generation may grow to 16 MiB (V8's own limit is 32): held at 2 MiB, grid
	// pages painted 4-8 ms slower (README, 2026-12-07).
	const heapKeptSmall = keepHeapSmall(process.env, {youngGenerationMiB: 16});
	letInkDrawLive();
	await loadLayoutEngine();
	// Ink takes ~0.4 s to import: load it while the dataset opens and the first image decodes.
	const screen = Promise.all([import('ink'), import('../ui/app.js')]);
	// The AWS SDK takes ~0.4 s and ~20 MiB to load: only an S3 prefix loads it.
	const s3Modules = isS3Url(options.dir)
		? await Promise.all([import('./s3-target.js'), import('./s3-session.js')])
		: undefined;
	const target = s3Modules
		? await s3Modules[0].resolveS3Target(options.dir, options.s3)
		: undefined;
	if (target && ((options.out !== undefined && !isS3Url(options.out)) || options.adjudicate)) {
		throw new UserError(
			options.adjudicate
				? '--adjudicate works on folders only for now.'
				: `--out for an S3 prefix must be an s3:// prefix in the same bucket, like s3://${target.location.bucket}/labeled/.`,
		);
	}

	const adjudication = options.adjudicate ? await adjudicationOf(options) : undefined;
	if (adjudication?.length === 0) {
		return;
	}

	const dataset = await openDataset(
		target?.stateDir ?? options.dir,
		projectFlags(options),
		options.user,
		{
			db: options.db,
			overlap: options.overlap,
			adjudicating: adjudication !== undefined,
			key: target?.url,
		},
	);
	// A long replay's garbage (the parsed snapshot: tens of MB) goes first, not after the walk has
	// piled its own on top.
	if (heapKeptSmall) collectGarbageIfOver(48);

	// The probe after the folder and flags, so a mistake is reported before any terminal query;
	// it reads replies from stdin, so it runs before Ink owns it.
	const picked = options.render
		? await pickRenderer(options.render).catch(async (error: unknown) => {
				await dataset.close();
				throw error;
			})
		: undefined;
	let s3: S3Session | undefined;
	try {
		s3 =
			target && s3Modules
				? await s3Modules[1].openS3Session(target, {out: options.out})
				: undefined;
	} catch (error) {
		await dataset.close();
		throw error;
	}

	if (options.manifest !== undefined) {
		await rememberManifest(dataset.dir, options.manifest);
	}

	const restoreTerminal = takeOverTerminal(process.stdout);
	let session: Awaited<ReturnType<typeof startLabelSession>> | undefined;
	let stopped = true;
	try {
		session = await startLabelSession(dataset, {
			stdout: process.stdout,
			// A commit moves images by the team's final labels (in overlap mode too), never one the
			// others hold or dispute; an adjudicator's session leaves it to the next commit.
			commitOnExit: options.commitOnExit && adjudication === undefined,
			manifest: options.manifest,
			...(picked ? {renderer: picked.renderer} : {}),
			auto: autoOptionsOf(options),
			...(s3 ? {s3} : {}),
			...(adjudication ? {adjudication} : {}),
			guesses: {
				// Guesses read pixels from local files; an S3 session has only its cache (for now).
				guess: target ? 'off' : options.guess,
				predictions: options.predictions,
				model: options.model,
				guessOrder:
					options.order === 'uncertain' || options.order === 'confident'
						? options.order
						: undefined,
			},
		});
		const {controller, stdout} = session;
		// A kill or a hang-up (a dropped SSH connection) means leave now, whatever the screen is
		// doing: flush and close the journal, then exit; the 'exit' handlers restore the terminal
		// and the lock. Moves wait for the next commit. A terminal that is gone (EIO) counts too.
		// The handlers stay registered (not `once`): Ink's signal-exit re-raises the signal, killing
		// the process mid-cleanup, as soon as it is the only listener left.
		// Exits 128 + the signal's number, as a shell reports a killed program (143, 129).
		const leaveNow = (signal: 'SIGTERM' | 'SIGHUP') => {
			// A commit from the `c` key may be copying: its partial copy goes now, not next commit.
			removePartialCopiesNow();
			void settleWithin(dataset.close(), 2000).finally(() =>
				process.exit(128 + os.constants.signals[signal]),
			);
		};

		const onOutputError = (error: NodeJS.ErrnoException) => {
			if (error.code === 'EIO' || error.code === 'EPIPE') {
				leaveNow('SIGHUP'); // The terminal is gone: a hang-up in all but name.
			}
		};

		process.on('SIGTERM', leaveNow);
		process.on('SIGHUP', leaveNow);
		process.stdout.on('error', onOutputError);
		const [{render}, {LabelApp}] = await screen;
		const renderInfo = picked ? describeChoice(picked.choice) : undefined;
		const app = render(
			<LabelApp
				controller={controller}
				grid={session.grid}
				initialView={options.view}
				renderInfo={renderInfo}
			/>,
			{
				stdout,
				stdin: keysOnlyStdin(process.stdin),
				exitOnCtrlC: false,
				patchConsole: false,
				// No throttle: a throttled frame comes up to a period late, after the image, so the
				// panel lagged the picture. The snapshot hook already renders at most once per task.
				maxFps: 0,
			},
		);
		await Promise.race([controller.finished, app.waitUntilExit()]);
		app.unmount();
		process.off('SIGTERM', leaveNow);
		process.off('SIGHUP', leaveNow);
		process.stdout.off('error', onOutputError);
	} finally {
		stopped = session ? await settleWithin(session.stop(), stopLimitMs) : true;
		s3?.close();
		restoreTerminal();
		await dataset.close();
	}

	const summary = session?.summary();
	if (summary) {
		process.stderr.write(`${summary}\n`);
	}

	if (!stopped) {
		process.stderr.write(
			`imgsift: background work (guesses, file checks) had not stopped after ${stopLimitMs / 1000} s; the journal was closed without it. Run the same command again to go on.\n`,
		);
		// What did not stop may hold the process open: leave now, the journal is closed.
		process.exit();
	}
}
