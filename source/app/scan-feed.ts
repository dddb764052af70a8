import {catalogCopies} from '../core/session-state.js';
import {shuffleOrder} from '../scan/order.js';
import {walkImages} from '../scan/walk.js';
import type {RankedFeed} from '../session/ranked-feed.js';
import type {ImageBox} from '../session/screen-contract.js';
import type {TeamLink} from '../session/team-link.js';
import {coalesceBatches} from '../sources/coalesce-batches.js';
import {holdAfterFirst} from '../sources/hold-after-first.js';
import {labelsDir} from '../store/paths.js';
import {layoutFor} from '../ui/layout.js';
import type {WritableDataset} from './dataset.js';

/** How often the scan hands found images to the session (each hand-over is a frame). */
const scanFrameMs = 100;
/**
At most this long, the scan holds its second batch while the first image decodes and paints:
folding thousands of found items takes the main thread for tens of milliseconds, which the first
image would otherwise wait behind. A slow decode (a huge PNG) stops holding the scan at this.
*/
export const firstImageHoldMs = 250;

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
	/** Settles once the first image is on screen (or cannot be): see firstImageHoldMs. */
	firstImage?: Promise<unknown>,
): Promise<void> {
	const {dir, out, store, config} = dataset;
	const walk = holdAfterFirst(
		coalesceBatches(
			listing ?? walkImages(dir, {ignore: [labelsDir(dir), out], signal, onProblem}),
			scanFrameMs,
		),
		firstImage,
		firstImageHoldMs,
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
		await team?.offer(catalogCopies(store.getState().catalog, shuffled));
	} else {
		for await (const batch of walk) {
			await store.apply({type: 'items-found', paths: batch, unclaimed: team !== undefined});
			// The team's pool keeps the session's strings, not a second copy of each (~2.4 MiB at 100k).
			await team?.offer(catalogCopies(store.getState().catalog, batch));
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
the screen will ask for: the layout is a pure function of the terminal size. The promise settles
once that image is decoded and a turn of the event loop has passed, so its paint (deferred to the
end of the turn) has gone out; undefined when there is no full-screen layout to warm.
*/
export function warmFirstImage(
	store: WritableDataset['store'],
	frames: {get(path: string, box: ImageBox): Promise<unknown>},
	stdout: NodeJS.WriteStream,
): Promise<void> | undefined {
	const layout = layoutFor({columns: stdout.columns ?? 0, rows: stdout.rows ?? 0});
	if (layout.kind !== 'full') {
		return undefined;
	}

	return new Promise((resolve) => {
		const unsubscribe = store.subscribe((state) => {
			if (state.cursor !== undefined) {
				unsubscribe();
				frames
					.get(state.cursor, layout.imageArea)
					.catch(() => undefined)
					.finally(() => setImmediate(resolve));
			}
		});
	});
}
