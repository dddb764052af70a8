import {type AutoOrigin, isAuditOrigin} from './decision-origin.js';
import type {Guess, ItemStat} from './journal-record.js';
import {forEachEntry} from './persistent-map.js';
import type {SessionAction} from './session-actions.js';
import type {Decision, SessionState} from './session-state.js';
import {type Interval, wilsonInterval} from './stats/wilson.js';

export type AutoAcceptOptions = {
	/** `--auto-accept P`: accept guesses whose calibrated probability is at least this. */
	readonly threshold: number;
	/** `--auto-after N`: human decisions needed before anything is accepted unseen. */
	readonly after: number;
	/** `--audit F`: the share of would-be auto-accepts shown on grid pages instead, as a check. */
	readonly audit: number;
	/** Seeds which items the audit picks (stable across runs, so a resume picks the same ones). */
	readonly seed: number;
};

export const defaultAutoAfter = 200;
export const defaultAudit = 0.02;

export type AutoAcceptFigures = {
	/** Decisions a person made or checked (copies and auto-accepts left out). */
	readonly human: number;
	/** Of those, the ones where a guess was shown, and how many the person agreed with. */
	readonly compared: number;
	readonly agreed: number;
	/** Human-checked guesses that were at least the threshold sure (calibrated), and right. */
	readonly confident: number;
	readonly confidentRight: number;
	readonly auto: number;
	/** Would-be auto-accepts a person checked on a grid page, and how many they corrected. */
	readonly audited: number;
	readonly auditWrong: number;
	/** 95% Wilson interval of the auto-accepted error rate, from the audit. */
	readonly errorInterval: Interval;
};

/** The figures' counts, before the interval is worked out from them. */
export type AutoAcceptCounts = {
	-readonly [Key in keyof Omit<AutoAcceptFigures, 'errorInterval'>]: number;
};

function emptyAutoAcceptCounts(): AutoAcceptCounts {
	return {
		human: 0,
		compared: 0,
		agreed: 0,
		confident: 0,
		confidentRight: 0,
		auto: 0,
		audited: 0,
		auditWrong: 0,
	};
}

/**
Adds one decision's part to `counts` (`sign` 1), or takes it back (−1): a loop that keeps the
counts up to date reads only the decisions that changed since.
*/
export function countDecision(
	counts: AutoAcceptCounts,
	decision: Decision,
	sign: 1 | -1,
	threshold: number,
	calibrated: (guess: Guess) => number,
): void {
	if (decision.copyOf !== undefined) {
		return;
	}

	if (decision.origin?.kind === 'auto') {
		counts.auto += sign;
		return;
	}

	counts.human += sign;
	const {guess, origin} = decision;
	if (guess) {
		const right = guess.label === decision.label ? sign : 0;
		counts.compared += sign;
		counts.agreed += right;
		if (calibrated(guess) >= threshold) {
			counts.confident += sign;
			counts.confidentRight += right;
		}
	}

	if (isAuditOrigin(origin)) {
		counts.audited += sign;
		const corrected = origin.kind === 'grid' && origin.outcome === 'corrected';
		counts.auditWrong += corrected || decision.label !== origin.guessed ? sign : 0;
	}
}

/** Every decision's part of the counts, walked once. */
export function countAutoAccept(
	decisions: SessionState['decisions'],
	threshold: number,
	calibrated: (guess: Guess) => number,
): AutoAcceptCounts {
	const counts = emptyAutoAcceptCounts();
	forEachEntry(decisions, (decision) => {
		countDecision(counts, decision, 1, threshold, calibrated);
	});
	return counts;
}

export function figuresOf(counts: AutoAcceptCounts): AutoAcceptFigures {
	return {...counts, errorInterval: wilsonInterval(counts.auditWrong, counts.audited)};
}

/**
The policy's figures, read from the decisions themselves (so `status`, a resume and the loop agree).
`calibrated` maps a guess's confidence to its calibrated probability.
*/
export function autoAcceptFigures(
	state: SessionState,
	threshold: number,
	calibrated: (guess: Guess) => number = (guess) => guess.confidence,
): AutoAcceptFigures {
	return figuresOf(countAutoAccept(state.decisions, threshold, calibrated));
}

export type AutoAcceptGate =
	| {readonly open: true}
	| {readonly open: false; readonly stopped: boolean; readonly reason: string};

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

/**
Whether guesses may be accepted unseen now, and if not, why (shown on screen). `stopped` is set
when the audit found too many errors: then auto-accept stays off for the session.
*/
export function autoAcceptGate(
	figures: AutoAcceptFigures,
	options: AutoAcceptOptions,
): AutoAcceptGate {
	const {threshold, after} = options;
	if (figures.audited > 0 && figures.auditWrong / figures.audited > 1 - threshold) {
		const rate = figures.auditWrong / figures.audited;
		return {
			open: false,
			stopped: true,
			reason: `auto-accept stopped: the audit found ${figures.auditWrong} of ${figures.audited} auto-accepted guesses wrong (${percent(rate)}, above ${percent(1 - threshold)})`,
		};
	}

	if (figures.human < after) {
		return {
			open: false,
			stopped: false,
			reason: `auto-accept waits for ${after} decisions of yours (${figures.human} so far)`,
		};
	}

	// An accuracy above P can only be seen on at least 1 / (1 - P) checked guesses.
	const needed = Math.ceil(1 / Math.max(1e-6, 1 - threshold));
	if (figures.confident < needed) {
		return {
			open: false,
			stopped: false,
			reason: `auto-accept waits for ${needed} checked guesses at ≥ ${percent(threshold)} (${figures.confident} so far)`,
		};
	}

	const accuracy = figures.confidentRight / figures.confident;
	if (accuracy <= threshold) {
		return {
			open: false,
			stopped: false,
			reason: `auto-accept is off: guesses at ≥ ${percent(threshold)} were right ${percent(accuracy)} of the time on your decisions, not above ${percent(threshold)}`,
		};
	}

	return {open: true};
}

/** A number in [0, 1) from the seed and the path (FNV-1a, then murmur3's finalizer): the audit's stable coin. */
export function auditDraw(seed: number, path: string): number {
	let hash = 0x81_1c_9d_c5;
	for (const character of `${seed}:${path}`) {
		hash ^= character.codePointAt(0) ?? 0;
		hash = Math.imul(hash, 0x01_00_01_93) >>> 0;
	}

	hash ^= hash >>> 16;
	hash = Math.imul(hash, 0x85_eb_ca_6b) >>> 0;
	hash ^= hash >>> 13;
	hash = Math.imul(hash, 0xc2_b2_ae_35) >>> 0;
	hash ^= hash >>> 16;
	return (hash >>> 0) / 2 ** 32;
}

export type AutoRoute = 'auto' | 'audit' | 'show';

/** What happens to one undecided item with a guess: accepted unseen, audited on a page, or shown. */
export function routeGuess(
	path: string,
	probability: number,
	gate: AutoAcceptGate,
	options: AutoAcceptOptions,
): AutoRoute {
	if (!gate.open || probability < options.threshold) {
		return 'show';
	}

	return auditDraw(options.seed, path) < options.audit ? 'audit' : 'auto';
}

/** The journaled auto-accept of one guess: a normal accept-guess with origin `auto`. */
export function autoAcceptAction(
	item: ItemStat,
	guess: Guess,
	probability: number,
	threshold: number,
	time: string,
): SessionAction {
	const origin: AutoOrigin = {kind: 'auto', probability, threshold};
	return {type: 'accept-guess', item, guess, time, ms: 0, origin};
}
