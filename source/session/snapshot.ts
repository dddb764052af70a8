import {classKeys} from '../core/keymap.js';
import {decisionOf, progressOf, type SessionState} from '../core/session-state.js';
import type {
	AdjudicationView,
	GuessStats,
	GuessStatus,
	HygieneStatus,
	ImageStatus,
	LabelItem,
	LabelPhase,
	LabelSnapshot,
} from './screen-contract.js';

export type ItemDetails = {
	readonly size: number;
	readonly width?: number;
	readonly height?: number;
	readonly format?: string;
};

export type ViewExtras = {
	readonly details: ItemDetails | undefined;
	readonly image: ImageStatus;
	readonly guess: GuessStatus;
	readonly guessStats?: GuessStats | undefined;
	readonly hygiene?: HygieneStatus | undefined;
	readonly adjudication?: AdjudicationView | undefined;
	readonly message: LabelSnapshot['message'];
	readonly busy: 'committing' | 'quitting' | undefined;
};

/** Labels per hour and time left, from the time images were on screen in this session. */
export function rateOf(state: SessionState, remaining: number): LabelSnapshot['rate'] {
	const current = state.sessions[0];
	if (!current || current.decided < 3 || current.activeMs <= 0) {
		return {perHour: undefined, etaMs: undefined};
	}

	const msPerLabel = current.activeMs / current.decided;
	return {perHour: 3_600_000 / msPerLabel, etaMs: remaining * msPerLabel};
}

function phaseOf(state: SessionState, busy: ViewExtras['busy']): LabelPhase {
	if (busy) {
		return busy;
	}

	if (state.cursor !== undefined) {
		return 'labeling';
	}

	return state.scanDone ? 'done' : 'scanning';
}

/** What the screen shows, derived from the session state and what the controller loaded. */
export function buildSnapshot(state: SessionState, extras: ViewExtras): LabelSnapshot {
	const progress = progressOf(state);
	const path = state.cursor;
	let item: LabelItem | undefined;
	if (path !== undefined) {
		const decidedLabel = decisionOf(state, path)?.label;
		item = {
			path,
			size: extras.details?.size ?? 0,
			...(extras.details?.width === undefined ? {} : {width: extras.details.width}),
			...(extras.details?.height === undefined ? {} : {height: extras.details.height}),
			...(extras.details?.format === undefined ? {} : {format: extras.details.format}),
			...(decidedLabel === undefined ? {} : {decidedLabel}),
		};
	}

	return {
		classes: state.classes.map((name, index) => ({
			name,
			key: classKeys[index] ?? '',
			count: state.counts[name] ?? 0,
		})),
		progress,
		rate: rateOf(
			state,
			Math.max(0, progress.total - progress.decided - progress.copies - progress.broken),
		),
		item,
		image: path === undefined ? {status: 'none'} : extras.image,
		guess: extras.guess,
		...(extras.guessStats ? {guessStats: extras.guessStats} : {}),
		...(extras.hygiene ? {hygiene: extras.hygiene} : {}),
		...(extras.adjudication && path !== undefined ? {adjudication: extras.adjudication} : {}),
		message: extras.message,
		phase: phaseOf(state, extras.busy),
	};
}
