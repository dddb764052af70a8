import type {AdjudicationItem} from '../core/agreement/adjudication-queue.js';
import type {AutoAcceptOptions} from '../core/auto-accept.js';
import {getEntry} from '../core/persistent-map.js';
import {decidedPerClass, progressOf} from '../core/session-state.js';
import {finishQuarantineIntent} from '../files/quarantine/quarantine-intent.js';
import {chooseRenderer, createRenderer} from '../render/choose.js';
import {createFrameCache, createOverlayStdout, type Renderer} from '../render/index.js';
import {frameSourceOf, type LoadedItem, loadItem} from '../render/item-loader.js';
import {adjudicationViews} from '../session/adjudication.js';
import {ItemView} from '../session/item-view.js';
import {Notices} from '../session/notices.js';
import type {ImageBox} from '../session/screen-contract.js';
import {SessionController} from '../session/session-controller.js';
import {linkTeam, type TeamLink} from '../session/team-link.js';
import {escapeControl} from '../shared/escape.js';
import {manifestItems} from '../sources/manifest-source.js';
import {commitStore, recoverInterruptedCommit, restoreThroughStore} from './commit-runner.js';
import type {WritableDataset} from './dataset.js';
import {openLabelGrid} from './label-grid.js';
import {type LabelGuessOptions, openLabelGuesses} from './label-guesses.js';
import {openLabelHygiene} from './label-hygiene.js';
import {leftOutLines} from './label-summary.js';
import type {S3Session} from './s3-session.js';
import {feedItems, scanInto, warmFirstImage} from './scan-feed.js';
import {teamCommitPlan} from './team-commit.js';

export type LabelSession = Awaited<ReturnType<typeof startLabelSession>>;

/** Wires a dataset to the screen: scan, prefetching image pipeline, controller and painter. */
export async function startLabelSession(
	dataset: WritableDataset,
	options: {
		stdout: NodeJS.WriteStream;
		commitOnExit: boolean;
		env?: NodeJS.ProcessEnv;
		guesses?: LabelGuessOptions;
		/** From chooseRenderer (render-options.ts); half-blocks by COLORTERM when absent. */
		renderer?: Renderer;
		/** `--auto-accept P`, `--auto-after N`, `--audit F` for the grid. */
		auto?: AutoAcceptOptions | undefined;
		/** Images from an S3 prefix: listed, fetched through the cache, committed in the bucket. */
		s3?: S3Session;
		/** A Ground Truth input manifest listing the images, instead of walking the folder. */
		manifest?: string | undefined;
		/** Adjudication: only these contested images, each shown with its votes. */
		adjudication?: readonly AdjudicationItem[];
	},
) {
	const {dir, out, store} = dataset;
	// Without a probe (tests, scripts): half-blocks in the colours the environment promises.
	const renderer =
		options.renderer ??
		createRenderer(
			chooseRenderer({replies: {kitty: false}, answered: false}, options.env ?? process.env, {
				render: 'blocks',
				colors: 'auto',
				lowBandwidth: false,
			}),
		);
	const overlay = createOverlayStdout(options.stdout, {deferPaint: true});
	const {s3} = options;
	const frames = createFrameCache<LoadedItem>({
		load: async (itemPath: string, box: ImageBox) =>
			s3
				? s3.load(renderer, itemPath, box, overlay.preload)
				: loadItem(dir, renderer, itemPath, box, overlay.preload),
		ahead: 4,
		max: 32,
	});
	let controller: SessionController | undefined;
	const view = new ItemView(frameSourceOf(frames), overlay, () => controller?.viewChanged());
	const hygiene = await openLabelHygiene(dir, store, () => view.status);
	// A `check --quarantine` killed mid-move is finished before the scan could see its file twice.
	const quarantineProblem = await finishQuarantineIntent(dir).then(
		() => undefined,
		(error: unknown) =>
			`an interrupted quarantine could not be finished (${error instanceof Error ? error.message : String(error)}); run imgsift check --quarantine again`,
	);
	// An S3 prefix's interrupted commit is finished by its next commit (it needs the network).
	const teamPlan = () => teamCommitPlan(dataset);
	const recovered = s3 ? [] : await recoverInterruptedCommit(store, dir, out, teamPlan);
	let lastCommit = recovered.join('\n');
	const guesses = await openLabelGuesses(dataset, options.guesses ?? {});
	const restore = async (itemPath: string, movedTo: string) => {
		if (options.s3) {
			throw new Error(
				`${itemPath} is already moved to ${movedTo}; undo after a commit works on folders only`,
			);
		}

		// Moved back, the file has a new inode across filesystems: load it afresh.
		await restoreThroughStore(store, dir, itemPath, movedTo).finally(() => frames.forget(itemPath));
	};
	// Linked after the session starts (below); the grid is shown only once the screen is up.
	let team: TeamLink | undefined;
	const notices = new Notices();
	const grid = openLabelGrid({
		dir,
		store,
		guesses: guesses.link,
		renderer,
		overlay,
		restore,
		auto: options.auto,
		wantAhead: (count) => team?.wantAhead(count),
		notices,
	});
	const firstMessage =
		dataset.warnings[0] ?? quarantineProblem ?? recovered[0] ?? guesses.warnings[0];
	controller = new SessionController({
		dir,
		store,
		view,
		commitOnExit: options.commitOnExit,
		guessHint: 'decide with the class keys',
		guesses: guesses.link,
		hygiene: hygiene.link,
		notices,
		...(options.adjudication ? {adjudication: adjudicationViews(options.adjudication)} : {}),
		...(grid.single ? {audit: grid.single} : {}),
		...(firstMessage === undefined
			? {}
			: {initialMessage: {kind: 'error' as const, text: escapeControl(firstMessage)}}),
		async commit() {
			try {
				// A file set aside to label again is new: nothing read from the old file may show.
				const onSetAside = (itemPath: string) => {
					frames.forget(itemPath);
					hygiene.link.forget(itemPath);
					guesses.link.forget(itemPath);
					grid.forget(itemPath);
				};
				const detailsWhere = 'printed when you quit';
				const result = s3
					? await (await import('./s3-commit.js')).commitS3Store(
							store,
							s3.target,
							s3.source.connection,
							{
								onSetAside,
								detailsWhere,
							},
						)
					: await commitStore(store, dir, out, {
							detailsWhere,
							onSetAside,
							team: teamPlan,
						});
				lastCommit = [...result.lines, result.summary].join('\n');
				return {summary: result.summary, ok: result.ok};
			} catch (error) {
				// Never let a failed commit trap the user: say why; the next commit retries.
				const reason = error instanceof Error ? error.message : String(error);
				lastCommit = `Commit failed: ${escapeControl(reason)}`;
				return {summary: lastCommit, ok: false};
			} finally {
				await dataset.ledger.flush().catch(() => undefined);
			}
		},
		restore,
	});
	const stopFollowing = s3?.follow(store);
	// The folder checks cannot read objects: what the fetcher learns feeds the same hygiene.
	s3?.onFacts((facts) => hygiene.link.accept(facts));
	const stopWatchingNetwork = s3?.source.network.subscribe((state, reason) => {
		if (state === 'offline') {
			notices.set('network', {
				kind: 'error',
				text: `Offline: ${reason}. Labeling goes on with the images already downloaded.`,
			});
			return;
		}

		notices.set('network', undefined);

		// Back online: what failed only for the network loads again.
		for (const itemPath of s3.offlineMisses()) {
			frames.forget(itemPath);
		}

		view.show(store.getState().cursor, true);
		controller?.say('info', 'Back online: downloading again.');
	});

	// The team's database going away, or coming back: labeling goes on either way.
	let refusedSeen = 0;
	let ledgerOffline = false;
	const stopStatus = dataset.ledger.onStatus((status) => {
		// A late decision on an image someone else took first: said once, the labeling goes on.
		if ((status.refused ?? 0) > refusedSeen) {
			refusedSeen = status.refused ?? 0;
			controller?.say('error', escapeControl(status.refusedNote ?? 'a decision was not counted'));
			return;
		}

		notices.set(
			'ledger',
			status.online
				? undefined
				: {kind: 'error', text: `offline: ${escapeControl(status.reason ?? dataset.ledger.where)}`},
		);
		if (status.online && ledgerOffline)
			controller?.say('info', `back online: ${dataset.ledger.where}`);
		ledgerOffline = !status.online;
	});
	await store.apply({
		type: 'session-start',
		time: new Date().toISOString(),
		user: dataset.user,
		host: dataset.ledger.host,
		pid: process.pid,
	});
	const scanAbort = new AbortController();
	let scanError: unknown;
	const leftOut: string[] = [];
	const onProblem = (itemPath: string, reason: string) => {
		leftOut.push(`${escapeControl(itemPath)}: ${reason}`);
	};
	const contested = options.adjudication?.map((item) => item.path);
	// Claims keep labelers on one folder apart; a guess-ordered or adjudicating session does not
	// take them (it ranks, or shows only contested images, on its own).
	team =
		guesses.feed || contested
			? undefined
			: linkTeam(dataset.ledger, store, (problem) =>
					notices.set(
						'claims',
						problem === undefined ? undefined : {kind: 'error', text: escapeControl(problem)},
					),
				);
	// A manifest lists the items instead of the walk or the S3 listing; its lines say which.
	const listing = s3
		? options.manifest
			? s3.source.fromManifest(options.manifest, onProblem, {
					signal: scanAbort.signal,
					moved: (itemPath) => getEntry(store.getState().moved, itemPath) !== undefined,
				})
			: s3.source.list({signal: scanAbort.signal, ignore: [s3.outPrefix]})
		: options.manifest
			? manifestItems(options.manifest, dir, onProblem)
			: undefined;
	const firstImage = warmFirstImage(store, frames, options.stdout);
	const scanning = (
		contested
			? feedItems(store, contested)
			: scanInto(dataset, scanAbort.signal, guesses.feed, onProblem, listing, team, firstImage)
	)
		.catch((error: unknown) => {
			scanError = error;
		})
		.finally(() => {
			// Background work that reads files waited for the walk (see hygiene-link, guess-link).
			hygiene.link.walkEnded();
			guesses.link.walkEnded();
		});
	// A hang-up or kill exits without stop(): still delete the images the terminal holds (TTY
	// writes are synchronous, so this lands even from the 'exit' event). First, before the
	// handler that leaves the alternate screen: deletes written after it never reached the
	// terminal through tmux.
	const releaseOnExit = () => overlay.close();
	process.prependListener('exit', releaseOnExit);

	return {
		controller,
		grid: grid.controller,
		stdout: overlay.stdout,
		async stop() {
			scanAbort.abort();
			await scanning;
			team?.close();
			stopStatus();
			stopFollowing?.();
			stopWatchingNetwork?.();
			await guesses.close();
			await hygiene.close();
			overlay.setOverlay(undefined);
			overlay.close();
			process.off('exit', releaseOnExit);
		},
		summary(): string {
			const state = store.getState();
			const progress = progressOf(state);
			const counts = decidedPerClass(state);
			const perClass = state.classes.map((name) => `${name} ${counts[name] ?? 0}`).join(', ');
			const lines = [
				lastCommit,
				`Decided ${progress.decided} of ${progress.total}${progress.copies > 0 ? `, plus ${progress.copies} exact ${progress.copies === 1 ? 'copy' : 'copies'}` : ''}${progress.broken > 0 ? `, ${progress.broken} broken set aside` : ''} (${perClass}); ${progress.committed} moved, ${progress.decided + progress.copies - progress.committed} pending.`,
				`Journal: ${escapeControl(dataset.journalFile)}`,
			];
			lines.push(...leftOutLines(leftOut, dir));
			if (scanError && !scanAbort.signal.aborted) {
				lines.push(
					`The scan stopped early: ${scanError instanceof Error ? scanError.message : String(scanError)}`,
				);
			}

			return lines.filter((line) => line !== '').join('\n');
		},
	};
}
