import {access} from 'node:fs/promises';
import path from 'node:path';
import type {TestContext} from 'node:test';
import type {JournalRecord} from '../../source/core/journal-record.js';
import {initialState, type SessionState} from '../../source/core/session-state.js';
import {maxInputPixels} from '../../source/image/index.js';
import {checkCachePath, openCheckCache} from '../../source/scan/check-cache.js';
import {createNearJudge} from '../../source/scan/near-judge.js';
import {HygieneFeed, type HygieneFeedOptions} from '../../source/session/hygiene-feed.js';
import {HygieneLink} from '../../source/session/hygiene-link.js';
import {createSessionStore, type SessionStore} from '../../source/session/session-store.js';
import {copySamples, removeFolder} from './dataset.js';

export type Fixture = {
	dir: string;
	store: SessionStore;
	link: HygieneLink;
	feed: HygieneFeed;
	records: JournalRecord[];
	cursors: Set<string>;
	/** Called after each file's facts reached the link. */
	factsListeners: Set<() => void>;
};

/** The samples in a temp folder, a real store on an in-memory journal, and a running feed. */
export async function startFeed(
	t: TestContext,
	dir?: string,
	order?: string[],
	checkFile?: HygieneFeedOptions['checkFile'],
): Promise<Fixture> {
	const folder = dir ?? (await copySamples());
	if (!dir) {
		t.after(() => removeFolder(folder));
	}

	const records: JournalRecord[] = [];
	const store = createSessionStore(initialState(['photo', 'screenshot']), {
		append: async (record) => {
			records.push(record);
		},
	});
	const cursors = new Set<string>();
	const factsListeners = new Set<() => void>();
	store.subscribe((state) => state.cursor !== undefined && cursors.add(state.cursor));
	const cache = await openCheckCache(checkCachePath(folder));
	const link = new HygieneLink({store, judge: createNearJudge(folder)});
	const feed = new HygieneFeed({
		dir: folder,
		maxPixels: maxInputPixels,
		cache,
		checkFile,
		onFacts(facts) {
			link.accept(facts);
			for (const listener of factsListeners) listener();
		},
	});
	link.attach(feed);
	store.subscribe((state) => link.follow(state));
	const paths =
		order ?? Array.from({length: 48}, (_, index) => `img_${String(index + 1).padStart(4, '0')}`);
	const names = await Promise.all(paths.map(async (stem) => withExtension(folder, stem)));
	await store.apply({type: 'items-found', paths: names});
	// The sweep over every item starts once the scan is over (see hygiene-link-scan.test.ts).
	await store.apply({type: 'scan-finished'});
	t.after(async () => {
		await link.close();
		await cache.close({complete: false});
	});
	return {dir: folder, store, link, feed, records, cursors, factsListeners};
}

async function withExtension(dir: string, stem: string): Promise<string> {
	for (const extension of ['.jpg', '.png']) {
		try {
			await access(path.join(dir, stem + extension));
			return stem + extension;
		} catch {}
	}

	throw new Error(`no sample named ${stem}`);
}

/** Resolves when `predicate` holds for the store's state, re-checking on every change. */
export async function until(
	fixture: Fixture,
	predicate: (state: SessionState) => boolean,
): Promise<SessionState> {
	return new Promise((resolve) => {
		const check = () => {
			const state = fixture.store.getState();
			if (predicate(state)) {
				stopStore();
				stopLink();
				fixture.factsListeners.delete(check);
				resolve(state);
			}
		};

		const stopStore = fixture.store.subscribe(check);
		const stopLink = fixture.link.onChange(check);
		fixture.factsListeners.add(check);
		check();
	});
}
