import {
	type AutoAcceptCounts,
	type AutoAcceptFigures,
	type AutoAcceptGate,
	type AutoAcceptOptions,
	autoAcceptAction,
	autoAcceptGate,
	countAutoAccept,
	countDecision,
	figuresOf,
	routeGuess,
} from '../core/auto-accept.js';
import type {Candidate, GridPage} from '../core/grid/grid-page.js';
import type {Guess} from '../core/journal-record.js';
import {entries} from '../core/persistent-map.js';
import type {Decision, SessionState} from '../core/session-state.js';
import {type Calibration, calibrate, chooseCalibration} from '../model/calibration.js';
import {diffMaps} from '../model/map-diff.js';
import {statsOf} from './grid-pages.js';
import type {SessionStore} from './session-store.js';

export type AutoPlan = {
	readonly accept: ReadonlyArray<{readonly candidate: Candidate; readonly probability: number}>;
	readonly audit: ReadonlySet<string>;
	readonly gate: AutoAcceptGate;
	/** One line for the screen: what auto-accept did, or why it is off. */
	readonly line: string;
};

/** The guesses a person checked: what the calibration is fitted on. */
function checked(decisions: SessionState['decisions']) {
	const scored: Array<{confidence: number; correct: boolean}> = [];
	for (const [, decision] of entries<Decision>(decisions)) {
		if (decision.guess && decision.origin?.kind !== 'auto' && decision.copyOf === undefined) {
			scored.push({
				confidence: decision.guess.confidence,
				correct: decision.guess.label === decision.label,
			});
		}
	}

	return scored;
}

/** Checked guesses a calibration is fitted on at most: an even spread of them past that. */
export const calibrationSampleSize = 20_000;

/** Every `stride`-th item, so a fit's cost stops growing with the session (20k: about 0.1 s). */
function evenSample<T>(items: readonly T[], size: number): readonly T[] {
	if (items.length <= size) {
		return items;
	}

	const stride = items.length / size;
	return Array.from({length: size}, (_, index) => items[Math.floor(index * stride)] as T);
}

/**
Whether the decisions changed enough since the last fit to fit again: by 8, or by 1/32 of them.
A fit at every key cost a 10,000-decision session 87 ms a key, a 100,000-decision one 1.07 s.
*/
function worthRefitting(fittedOn: number | undefined, now: number): boolean {
	return fittedOn === undefined || Math.abs(now - fittedOn) >= Math.max(8, fittedOn / 32);
}

/** The auto-accept policy in the loop: calibrates on the person's decisions, then routes guesses. */
export class AutoAccept {
	readonly options: AutoAcceptOptions;
	#seen: SessionState['decisions'] | undefined;
	#fittedOnCount: number | undefined;
	#calibration: Calibration = {kind: 'identity'};
	/** The gate's counts, for these decisions under this calibration. */
	#counted:
		| {
				readonly counts: AutoAcceptCounts;
				decisions: SessionState['decisions'];
				readonly calibration: Calibration;
		  }
		| undefined;

	constructor(options: AutoAcceptOptions) {
		this.options = options;
	}

	/**
	The calibrated probability of a guess, refitted when the decisions changed enough. Their count
	(from the class counts, O(1)) stands for the checked guesses, so a key between fits costs
	nothing here.
	*/
	probability(state: SessionState, guess: Guess): number {
		this.#refitIfDue(state);
		return calibrate(this.#calibration, guess.confidence);
	}

	#refitIfDue(state: SessionState): void {
		if (this.#seen === state.decisions) {
			return;
		}

		this.#seen = state.decisions;
		const decided = Object.values(state.counts).reduce((sum, count) => sum + count, 0);
		if (worthRefitting(this.#fittedOnCount, decided)) {
			this.#fittedOnCount = decided;
			const sample = evenSample(checked(state.decisions), calibrationSampleSize);
			this.#calibration = chooseCalibration(sample).calibration;
		}
	}

	/**
	The gate's figures for `state`. Counted once in full, then kept up to date from the decisions
	that changed (a bucket of the map a key): a walk over 100,000 decisions cost 23 ms a key. A new
	calibration counts again, since which guesses were sure enough depends on it.
	*/
	figures(state: SessionState): AutoAcceptFigures {
		const {threshold} = this.options;
		this.#refitIfDue(state);
		const calibration = this.#calibration;
		const calibrated = (guess: Guess) => calibrate(calibration, guess.confidence);
		const counted = this.#counted;
		if (counted?.calibration !== calibration) {
			const counts = countAutoAccept(state.decisions, threshold, calibrated);
			this.#counted = {counts, decisions: state.decisions, calibration};
			return figuresOf(counts);
		}

		diffMaps(counted.decisions, state.decisions, (_path, old, current) => {
			if (old) countDecision(counted.counts, old, -1, threshold, calibrated);
			if (current) countDecision(counted.counts, current, 1, threshold, calibrated);
		});
		counted.decisions = state.decisions;
		return figuresOf(counted.counts);
	}

	plan(state: SessionState, candidates: readonly Candidate[]): AutoPlan {
		const {threshold} = this.options;
		const calibrated = (guess: Guess) => this.probability(state, guess);
		const figures = this.figures(state);
		const gate = autoAcceptGate(figures, this.options);
		const accept: Array<{candidate: Candidate; probability: number}> = [];
		const audit = new Set<string>();
		for (const candidate of candidates) {
			const probability = calibrated(candidate.guess);
			const route = routeGuess(candidate.path, probability, gate, this.options);
			if (route === 'auto') {
				accept.push({candidate, probability});
			} else if (route === 'audit') {
				audit.add(candidate.path);
			}
		}

		const line = gate.open
			? `auto-accept ≥ ${Math.round(threshold * 1000) / 10}%: ${figures.auto} accepted unseen, ${figures.audited} audited (${figures.auditWrong} wrong)`
			: gate.reason;
		return {accept, audit, gate, line};
	}
}

/** Journals auto-accepts: one accept-guess record each, origin `auto`; a gone file is left out. */
export async function journalAutoAccepts(
	store: SessionStore,
	dir: string,
	accept: AutoPlan['accept'],
	threshold: number,
	time: string,
): Promise<void> {
	const stats = statsOf(
		dir,
		accept.map(({candidate}) => candidate.path),
	);
	const actions = accept.flatMap(({candidate, probability}) => {
		const item = stats.get(candidate.path);
		return item ? [autoAcceptAction(item, candidate.guess, probability, threshold, time)] : [];
	});
	await store.applyAll(actions);
}

/**
Auto-accepts ahead of filling `page`: plans over the candidates not on it (what is on screen is the
person's to check: never accepted behind their back) and journals the accepts. Gives the candidates
still to route: only those routed now (guesses that arrived meanwhile wait for the next fill).
*/
export async function autoAcceptBeforeFill(
	auto: AutoAccept,
	session: {readonly store: SessionStore; readonly dir: string; readonly now?: () => number},
	page: GridPage | undefined,
	candidates: Candidate[],
	candidatesNow: () => Candidate[],
): Promise<{candidates: Candidate[]; audit: ReadonlySet<string>; line: string}> {
	const {store, dir, now = Date.now} = session;
	const onPage = new Set(page?.cells.map((cell) => cell.path));
	const offPage = candidates.filter((candidate) => !onPage.has(candidate.path));
	const plan = auto.plan(store.getState(), offPage);
	if (plan.accept.length === 0) {
		return {candidates, audit: plan.audit, line: plan.line};
	}

	const time = new Date(now()).toISOString();
	await journalAutoAccepts(store, dir, plan.accept, auto.options.threshold, time);
	const routed = new Set(candidates.map((candidate) => candidate.path));
	return {
		candidates: candidatesNow().filter((candidate) => routed.has(candidate.path)),
		audit: plan.audit,
		line: plan.line,
	};
}
