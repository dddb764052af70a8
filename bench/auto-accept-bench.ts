/**
What auto-accept costs the labeling loop's main thread per decision, with 10,000 and 100,000
decisions made: its plan (the gate's figures over every decision, and the calibration, refitted
when the decisions grew by 1/32) after each new decision, and one refit of the calibration.
*/
import type {SessionAction} from '../source/core/session-reducer.js';
import {sessionReducer} from '../source/core/session-reducer.js';
import {initialState, type SessionState} from '../source/core/session-state.js';
import {AutoAccept} from '../source/session/grid-auto.js';
import {formatMs, type Summary, summarize} from './stats.js';
import {mulberry32} from './synthetic-images.js';

export type AutoAcceptCost = {
	readonly decisions: number;
	/** plan() after each of the next decisions (most reuse the fit). */
	readonly plan: Summary;
	/** The first plan: the calibration fitted on every checked guess (at most 20,000 of them). */
	readonly firstFitMs: number;
};

const time = '2026-12-07T10:00:00.000Z';
const measuredDecisions = 200;

/** Decisions on guesses of photo said with 50–100%, right 93% of the time: under-sure, so fitted. */
function decisionMaker(paths: readonly string[]) {
	const random = mulberry32(12);
	return (index: number): SessionAction => ({
		type: 'decide',
		item: {path: paths[index] ?? '', size: 100, mtimeMs: 1},
		label: random() < 0.93 ? 'photo' : 'screenshot',
		time,
		ms: 10,
		guess: {label: 'photo', confidence: 0.5 + 0.5 * random(), source: 'bench'},
	});
}

function costAt(decisions: number): AutoAcceptCost {
	const paths = Array.from({length: decisions + measuredDecisions}, (_, index) => `d/${index}.jpg`);
	const decide = decisionMaker(paths);
	let state: SessionState = sessionReducer(initialState(['photo', 'screenshot']), {
		type: 'items-found',
		paths,
	});
	for (let index = 0; index < decisions; index++) {
		state = sessionReducer(state, decide(index));
	}

	const auto = new AutoAccept({threshold: 0.95, after: 200, audit: 0.02, seed: 1});
	let started = performance.now();
	auto.plan(state, []);
	const firstFitMs = performance.now() - started;
	const plans: number[] = [];
	for (let index = decisions; index < decisions + measuredDecisions; index++) {
		state = sessionReducer(state, decide(index));
		started = performance.now();
		auto.plan(state, []);
		plans.push(performance.now() - started);
	}

	return {decisions, plan: summarize(plans), firstFitMs};
}

export function runAutoAcceptBench(): AutoAcceptCost[] {
	return [10_000, 100_000].map((decisions) => costAt(decisions));
}

export function formatAutoAcceptBench(costs: readonly AutoAcceptCost[]): string {
	return costs
		.map(
			({decisions, plan, firstFitMs}) =>
				`  auto-accept on the main thread at ${decisions.toLocaleString('en-US')} decisions: plan per decision p50 ${formatMs(plan.p50)}, p99 ${formatMs(plan.p99)} (${plan.count} decisions); a refit of the calibration ${formatMs(firstFitMs)}`,
		)
		.join('\n');
}
