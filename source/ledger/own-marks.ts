/**
A user's marks (votes, skips, what each undoable seq marked) read off their replayed session state,
so a ledger that resumes from a snapshot need not fold every record of the journal again.
*/
import {forEachEntry, getEntry, hasEntry} from '../core/persistent-map.js';
import type {SessionState} from '../core/session-state.js';
import type {Mark, MarkStore, OwnMarks, SeqPaths} from './item-votes.js';

export function ownMarksOf(state: SessionState): OwnMarks {
	const broken: string[] = [];
	forEachEntry(state.broken, (_, path) => {
		broken.push(path);
	});
	return {marks: marksReadOff(state), undoable: () => undoStackOf(state), broken};
}

/**
Each item's mark looked up in the state (decided: a vote; skipped and undecided: a skip), with the
changes since kept beside it: a map of every item's mark took ~60 ms before a 100k resume's first
image, and ~4 MiB.
*/
function marksReadOff(state: SessionState): MarkStore {
	const changed = new Map<string, Mark | undefined>();
	return {
		get(path) {
			if (changed.has(path)) return changed.get(path);
			if (hasEntry(state.decisions, path)) return 'vote';
			return hasEntry(state.skipped, path) ? 'skip' : undefined;
		},
		set: (path, mark) => changed.set(path, mark),
		delete: (path) => changed.set(path, undefined),
	};
}

/** What each seq on the state's undo stack marked. */
function undoStackOf(state: SessionState): SeqPaths {
	// Walk the undo stack top down, undoing as we go: an entry's kind is what its seq is in the
	// state left by undoing the entries above it. Only an entry that replaced something can hide a
	// lower entry of its path, so only those are remembered (most paths are on the stack once).
	const decisionSeq = new Map<string, number>();
	const skipSeq = new Map<string, number>();
	// Sized up front: filled from the highest seq down, an empty array would turn into a slow dictionary.
	const undoable: SeqPaths = {
		vote: new Array<string | undefined>(state.lastSeq + 1),
		skip: new Array<string | undefined>(state.lastSeq + 1),
	};
	for (let node = state.history; node; node = node.rest) {
		const {seq, path, previousDecision, previousSkip} = node.top;
		if ((decisionSeq.get(path) ?? getEntry(state.decisions, path)?.seq) === seq) {
			undoable.vote[seq] = path;
			if (previousDecision !== undefined) decisionSeq.set(path, previousDecision.seq);
		} else if ((skipSeq.get(path) ?? getEntry(state.skipped, path)) === seq) {
			undoable.skip[seq] = path;
			if (previousSkip !== undefined) skipSeq.set(path, previousSkip);
		}
	}

	return undoable;
}
