import {maxInputPixels} from '../image/index.js';
import {checkCachePath, openCheckCache} from '../scan/check-cache.js';
import {CheckThread} from '../scan/check-thread.js';
import {createNearJudge} from '../scan/near-judge.js';
import {HygieneFeed} from '../session/hygiene-feed.js';
import {HygieneLink} from '../session/hygiene-link.js';
import {watchPersonActivity} from '../session/quiet-after-key.js';
import type {ImageStatus} from '../session/screen-contract.js';
import type {SessionStore} from '../session/session-store.js';

export type LabelHygiene = {
	readonly link: HygieneLink;
	/** Set when the check cache could not be read; the checks still run. */
	readonly warning: string | undefined;
	/** Stops the feed and saves the check cache. */
	close(): Promise<void>;
};

/**
Starts the background checks of a labeling session, sharing `imgsift check`'s cache in `.labels/`.
`imageStatus` is the screen's image: while it loads, the checks wait, so it decodes first; they
also wait for a moment after each key, so its frame and the next image's decode come first.
*/
export async function openLabelHygiene(
	dir: string,
	store: SessionStore,
	imageStatus: () => ImageStatus,
): Promise<LabelHygiene> {
	const cache = await openCheckCache(checkCachePath(dir));
	const link = new HygieneLink({store, judge: createNearJudge(dir)});
	const activity = watchPersonActivity(store);
	const thread = new CheckThread();
	const feed = new HygieneFeed({
		dir,
		// What the loop itself can decode: a bigger image could not be shown either.
		maxPixels: maxInputPixels,
		cache,
		checkFile: async (file, key, maxPixels) => thread.check(file, key, maxPixels),
		busy: () =>
			activity.recent() ||
			(store.getState().cursor !== undefined && imageStatus().status === 'loading'),
		onFacts: (facts) => link.accept(facts),
	});
	link.attach(feed);
	return {
		link,
		warning: cache.warning,
		async close() {
			activity.stop();
			await link.close();
			await thread.close();
			await cache.close({complete: false});
		},
	};
}
