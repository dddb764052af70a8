import {shuffleOrder} from '../scan/order.js';
import {walkImages} from '../scan/walk.js';
import type {RankedFeed} from '../session/ranked-feed.js';
import type {ImageBox} from '../session/screen-contract.js';
import type {TeamLink} from '../session/team-link.js';
import {coalesceBatches} from '../sources/coalesce-batches.js';
import {labelsDir} from '../store/paths.js';
import {layoutFor} from '../ui/layout.js';
import type {WritableDataset} from './dataset.js';

/** How often the scan hands found images to the session (each hand-over is a frame). */
const scanFrameMs = 100;

/**
Feeds the scan into the session: streaming in path order, all at once for a shuffle. `listed`
replaces the folder walk (a manifest's images, in its order).
*/
export async function scanInto(
	dataset: WritableDataset,
	signal: AbortSignal,
	feed: RankedFeed | undefined,
	onProblem: (path: string, reason: string) => void,
	/** Batches from another source (an S3 listing, a manifest) instead of the folder walk. */
	listing?: AsyncIterable<string[]>,
	/** Team labeling: items join hidden and show once claimed. */
	team?: TeamLink,
): Promise<void> {
	const {dir, out, store, config} = dataset;
	const walk = coalesceBatches(
		listing ?? walkImages(dir, {ignore: [labelsDir(dir), out], signal, onProblem}),
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

		const shuffled = shuffleOrder(all, config.seed);
		await store.apply({type: 'items-found', paths: shuffled, unclaimed: team !== undefined});
		await team?.offer(shuffled);
	} else {
		for await (const batch of walk) {
			await store.apply({type: 'items-found', paths: batch, unclaimed: team !== undefined});
			await team?.offer(batch);
		}
	}

	await store.apply({type: 'scan-finished'});
}

/** Feeds a fixed list of items (adjudication's contested images) instead of a folder walk. */
export async function feedItems(
	store: WritableDataset['store'],
	paths: readonly string[],
): Promise<void> {
	await store.apply({type: 'items-found', paths});
	await store.apply({type: 'scan-finished'});
}

/**
Decodes the first image while Ink is still loading (its import alone takes ~0.4 s), into the box
the screen will ask for: the layout is a pure function of the terminal size.
*/
export function warmFirstImage(
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
