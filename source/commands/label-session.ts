import {stat} from 'node:fs/promises';
import path from 'node:path';
import {escapeControl} from '../core/escape.js';
import {progressOf} from '../core/session-state.js';
import {shrinkToPixels} from '../image/index.js';
import {
	blocksRenderer,
	type ColorMode,
	createFrameCache,
	createOverlayStdout,
	encodeForRenderer,
	type FrameCache,
	type GraphicPayload,
	type Renderer,
} from '../render/index.js';
import {shuffleOrder} from '../scan/order.js';
import {finishQuarantineIntent} from '../scan/quarantine-intent.js';
import {walkImages} from '../scan/walk.js';
import {type FrameSource, GoneFileError, ItemView, type LoadedItem} from '../session/item-view.js';
import {SessionController} from '../session/label-controller.js';
import type {RankedFeed} from '../session/ranked-feed.js';
import {coalesceBatches} from '../sources/coalesce-batches.js';
import {errorCode} from '../store/fs-errors.js';
import {labelsDir} from '../store/paths.js';
import type {ImageBox} from '../ui/label-controller.js';
import {layoutFor} from '../ui/layout.js';
import {commitStore, recoverInterruptedCommit, restoreThroughStore} from './commit-runner.js';
import type {WritableDataset} from './dataset.js';
import {type LabelGuessOptions, openLabelGuesses} from './label-guesses.js';
import {openLabelHygiene} from './label-hygiene.js';

export function colorModeFor(env: NodeJS.ProcessEnv): ColorMode {
	const colorterm = env['COLORTERM']?.toLowerCase() ?? '';
	return colorterm === 'truecolor' || colorterm === '24bit' ? 'truecolor' : '256';
}

async function loadItem(
	dir: string,
	renderer: Renderer,
	itemPath: string,
	box: ImageBox,
	preload: (graphic: GraphicPayload) => void,
): Promise<LoadedItem> {
	const absolute = path.join(dir, itemPath);
	const shrinking = shrinkToPixels(absolute, renderer.cellPixels(box));
	// Handled now, not when awaited: a gone file fails the decode before the stat below returns.
	shrinking.catch(() => undefined);
	let found: Awaited<ReturnType<typeof stat>>;
	try {
		found = await stat(absolute);
	} catch (error) {
		if (errorCode(error) === 'ENOENT') {
			throw new GoneFileError(`${itemPath} is gone: deleted or moved after the scan`, {
				cause: error,
			});
		}

		throw error;
	}

	const shrunk = await shrinking;
	const frame = await encodeForRenderer(renderer, shrunk, box);
	// Graphics go to the terminal as soon as they are ready, so showing one only paints its cells.
	if (frame.graphic) preload(frame.graphic);
	return {
		lines: frame.lines,
		...(frame.graphic || frame.opaqueLines ? {width: frame.columns} : {}),
		...(frame.graphic ? {graphic: frame.graphic} : {}),
		columns: frame.columns,
		rows: frame.rows,
		details: {
			size: found.size,
			mtimeMs: found.mtimeMs,
			width: shrunk.source.width,
			height: shrunk.source.height,
			format: shrunk.source.format,
		},
	};
}

/** The cache seen as the view needs it: a failed load is an Error with a message to show. */
function frameSourceOf(cache: FrameCache<LoadedItem>): FrameSource {
	return {
		peek(itemPath, box) {
			const frame = cache.peek(itemPath, box);
			if (frame) {
				return frame;
			}

			const error: unknown = cache.peekError(itemPath, box);
			if (error === undefined) {
				return undefined;
			}

			return error instanceof Error ? error : new Error(String(error));
		},
		get: async (itemPath, box) => cache.get(itemPath, box),
		prefetch: (paths, box) => cache.prefetch(paths, box),
	};
}

/** How often the scan hands found images to the session (each hand-over is a frame). */
const scanFrameMs = 100;

/** Feeds the scan into the session: streaming in path order, all at once for a shuffle. */
async function scanInto(
	dataset: WritableDataset,
	signal: AbortSignal,
	feed: RankedFeed | undefined,
	onProblem: (path: string, reason: string) => void,
): Promise<void> {
	const {dir, out, store, config} = dataset;
	const walk = coalesceBatches(
		walkImages(dir, {ignore: [labelsDir(dir), out], signal, onProblem}),
		scanFrameMs,
	);
	if (feed) {
		// Guess order: the feed decides when each image joins the session.
		for await (const batch of walk) {
			await feed.add(batch);
		}

		feed.finish();
		return;
	}

	if (config.order === 'shuffle') {
		const all: string[] = [];
		for await (const batch of walk) {
			all.push(...batch);
		}

		await store.apply({type: 'items-found', paths: shuffleOrder(all, config.seed)});
	} else {
		for await (const batch of walk) {
			await store.apply({type: 'items-found', paths: batch});
		}
	}

	await store.apply({type: 'scan-finished'});
}

/**
Decodes the first image while Ink is still loading (its import alone takes ~0.4 s), into the box
the screen will ask for: the layout is a pure function of the terminal size.
*/
function warmFirstImage(
	store: WritableDataset['store'],
	frames: {get(path: string, box: ImageBox): Promise<unknown>},
	stdout: NodeJS.WriteStream,
): void {
	const layout = layoutFor({columns: stdout.columns ?? 0, rows: stdout.rows ?? 0});
	if (layout.kind !== 'full') {
		return;
	}

	const unsubscribe = store.subscribe((state) => {
		if (state.cursor !== undefined) {
			unsubscribe();
			frames.get(state.cursor, layout.imageArea).catch(() => undefined);
		}
	});
}

/** Names the scan could not include (unreadable folders, names that are not UTF-8), a few of them. */
function leftOutLines(problems: readonly string[], dir: string): string[] {
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
	},
) {
	const {dir, out, store} = dataset;
	const renderer = options.renderer ?? blocksRenderer(colorModeFor(options.env ?? process.env));
	const overlay = createOverlayStdout(options.stdout);
	const frames = createFrameCache<LoadedItem>({
		load: async (itemPath: string, box: ImageBox) =>
			loadItem(dir, renderer, itemPath, box, overlay.preload),
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
	const recovered = await recoverInterruptedCommit(store, dir, out);
	let lastCommit = recovered.join('\n');
	const guesses = await openLabelGuesses(dataset, options.guesses ?? {});
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
		...(firstMessage === undefined
			? {}
			: {initialMessage: {kind: 'error' as const, text: escapeControl(firstMessage)}}),
		async commit() {
			try {
				// A file set aside to label again is new: nothing read from the old file may show.
				const result = await commitStore(store, dir, out, {
					detailsWhere: 'printed when you quit',
					onSetAside: (itemPath) => {
						frames.forget(itemPath);
						hygiene.link.forget(itemPath);
						guesses.link.forget(itemPath);
					},
				});
				lastCommit = result.lines.join('\n');
				return {summary: result.summary, ok: result.ok};
			} catch (error) {
				// Never let a failed commit trap the user: say why; the next commit retries.
				const reason = error instanceof Error ? error.message : String(error);
				lastCommit = `Commit failed: ${escapeControl(reason)}`;
				return {summary: lastCommit, ok: false};
			} finally {
				await dataset.writer.sync().catch(() => undefined);
			}
		},
		restore: async (itemPath, movedTo) => restoreThroughStore(store, dir, itemPath, movedTo),
	});

	await store.apply({
		type: 'session-start',
		time: new Date().toISOString(),
		user: dataset.user,
		host: dataset.lock.info.host,
		pid: process.pid,
	});
	const scanAbort = new AbortController();
	let scanError: unknown;
	const leftOut: string[] = [];
	const scanning = scanInto(dataset, scanAbort.signal, guesses.feed, (itemPath, reason) => {
		leftOut.push(`${escapeControl(itemPath)}: ${reason}`);
	}).catch((error: unknown) => {
		scanError = error;
	});
	warmFirstImage(store, frames, options.stdout);
	// A hang-up or kill exits without stop(): still delete the images the terminal holds (TTY
	// writes are synchronous, so this lands even from the 'exit' event).
	const releaseOnExit = () => overlay.releaseGraphics();
	process.on('exit', releaseOnExit);

	return {
		controller,
		stdout: overlay.stdout,
		async stop() {
			scanAbort.abort();
			await scanning;
			await guesses.close();
			await hygiene.close();
			overlay.setOverlay(undefined);
			overlay.releaseGraphics();
			process.off('exit', releaseOnExit);
		},
		summary(): string {
			const state = store.getState();
			const progress = progressOf(state);
			const perClass = state.classes.map((name) => `${name} ${state.counts[name] ?? 0}`).join(', ');
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
