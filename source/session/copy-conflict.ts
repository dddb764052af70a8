import {fileIdentity, type ItemStat} from '../core/journal-record.js';
import {getEntry, hasEntry} from '../core/persistent-map.js';
import type {SessionState} from '../core/session-state.js';
import type {CopyConflict} from './screen-contract.js';
import type {SessionStore} from './session-store.js';

/**
Two exact copies decided apart: the latest decision (the top of the undo stack) labels an image
one way while a copy of it was decided another. Known as soon as the checks have read both files,
so the screen can say so at the moment of the second decision instead of at commit.
*/
export function copyConflict(
	state: SessionState,
	sameContent: (path: string) => readonly string[],
): CopyConflict | undefined {
	const top = state.history?.top;
	const decision = top === undefined ? undefined : getEntry(state.decisions, top.path);
	if (top === undefined || decision === undefined || decision.copyOf !== undefined) {
		return undefined;
	}

	for (const member of sameContent(top.path)) {
		const theirs = member === top.path ? undefined : getEntry(state.decisions, member);
		if (theirs !== undefined && theirs.label !== decision.label) {
			const other = theirs.copyOf ?? member;
			return {path: top.path, label: decision.label, other, otherLabel: theirs.label};
		}
	}

	return undefined;
}

/** Applies `agreeSteps` through the store; returns what to tell the user when it cannot. */
export async function agreeCopies(
	store: SessionStore,
	conflict: CopyConflict | undefined,
	time: string,
): Promise<string | undefined> {
	const steps = agreeSteps(store.getState(), conflict);
	if ('problem' in steps) {
		return steps.problem;
	}

	await store.apply({type: 'undo', time, target: steps.undo});
	// The checks may have recorded the copy already, once the undo left it undecided.
	await store.apply({type: 'copy', time, ...steps.copy});
	return undefined;
}

export type AgreeSteps = {
	/** The undo of the latest decision, then the copy record that replaces it. */
	readonly undo: number;
	readonly copy: {readonly item: ItemStat; readonly of: string; readonly label: string};
};

/**
The `=` key: give the image just decided the label of its copy, as an undo of that decision and
a copy record (so commit files it under `_duplicates/`, and one undo takes it back).
*/
export function agreeSteps(
	state: SessionState,
	conflict: CopyConflict | undefined,
): AgreeSteps | {readonly problem: string} {
	const top = state.history?.top;
	const decision = conflict === undefined ? undefined : getEntry(state.decisions, conflict.path);
	if (conflict === undefined || top === undefined || decision === undefined) {
		return {problem: 'No copies of one image disagree right now.'};
	}

	if (hasEntry(state.moved, conflict.path)) {
		return {problem: 'That image is already in its class folder; undo it with u first.'};
	}

	const item = {path: conflict.path, ...fileIdentity(decision)};
	return {undo: top.seq, copy: {item, of: conflict.other, label: conflict.otherLabel}};
}
