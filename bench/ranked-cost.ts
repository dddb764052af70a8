/** `--order uncertain` at scale: what one decision costs the ranked feed once it ranked the set. */
import {initialState} from '../source/core/session-state.js';
import type {PredictionRow} from '../source/formats/predictions.js';
import {PredictionIndex} from '../source/model/prediction-index.js';
import {PredictionsGuessSource} from '../source/model/predictions-source.js';
import {RankedFeed} from '../source/session/ranked-feed.js';
import {createSessionStore} from '../source/session/session-store.js';
import {summarize} from './stats.js';

export type RankedCost = {
	readonly items: number;
	/** Decision applied to the next images placed, per decision. */
	readonly perDecisionMs: number;
	readonly p99Ms: number;
	/** Guesses read again per decision (the old feed read every held image). */
	readonly viewsPerDecision: number;
	/** Ranking the whole set once, as the scan hands it over. */
	readonly initialMs: number;
};

export async function measureRankedCost(items: number, decisions = 200): Promise<RankedCost> {
	const classes = ['photo', 'screenshot'];
	const paths = Array.from(
		{length: items},
		(_, index) => `d/${String(index).padStart(6, '0')}.jpg`,
	);
	const rows: PredictionRow[] = paths.map((path, index) => ({
		path,
		label: 'photo',
		confidence: ((index * 7919) % items) / items,
		line: index + 1,
	}));
	const source = new PredictionsGuessSource(new PredictionIndex(rows, '/data', classes), 'p.csv');
	const store = createSessionStore(initialState(classes), {append: async () => undefined});
	const feed = new RankedFeed(store, source, 'uncertain');
	const started = performance.now();
	for (let start = 0; start < items; start += 2000) {
		await feed.add(paths.slice(start, start + 2000));
	}

	feed.finish();
	await feed.idle();
	const initialMs = performance.now() - started;
	const viewsBefore = feed.viewsRead;
	const times: number[] = [];
	for (let step = 0; step < decisions; step++) {
		const cursor = store.getState().cursor ?? '';
		const at = performance.now();
		await store.apply({
			type: 'decide',
			item: {path: cursor, size: 1, mtimeMs: 1},
			label: 'photo',
			time: 't',
			ms: 1,
		});
		await feed.idle();
		times.push(performance.now() - at);
	}

	feed.stop();
	const summary = summarize(times);
	return {
		items,
		perDecisionMs: summary.p50,
		p99Ms: summary.p99,
		viewsPerDecision: (feed.viewsRead - viewsBefore) / decisions,
		initialMs,
	};
}
