import path from 'node:path';
import {classNameProblem} from '../../core/class-names.js';
import {entries, getEntry, hasEntry} from '../../core/persistent-map.js';
import type {SessionState} from '../../core/session-state.js';
import {itemPathProblem, recordPathOf} from './paths.js';
import type {CommitPlan, FailedEntry, PlanEntry} from './types.js';

export type PlanInput = {
	readonly dir: string;
	readonly out: string;
	readonly state: SessionState;
	/** Paths to leave out (handled already by the recovery of an interrupted commit). */
	readonly exclude?: ReadonlySet<string>;
	/**
	Item path to the SHA-1 of its file, for decided files that may be exact copies of each other
	(see `hashPossibleCopies`): equal hashes make a group. Without it, the groups are the copies
	the labeling loop journaled with their first.
	*/
	readonly contents?: ReadonlyMap<string, string>;
};

/** Where copies beyond the first of an exact-duplicate group go, so training sets hold one. */
export const duplicatesFolder = '_duplicates';

/** A decided file with the same bytes as another: pending (to plan) or moved by a past commit. */
type Member = {readonly path: string; readonly label: string; readonly movedTo?: string};

type Placement =
	| {readonly kind: 'class' | 'duplicate'}
	| {readonly kind: 'conflict'; readonly reason: string};

const byPath = (left: {path: string}, right: {path: string}) =>
	left.path < right.path ? -1 : left.path > right.path ? 1 : 0;

function listed(words: readonly string[]): string {
	return words.length < 2
		? (words[0] ?? '')
		: `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** Decided files grouped by content, each group in path order; groups of one are left out. */
function copyGroups(input: PlanInput): Member[][] {
	const {state, contents, exclude} = input;
	const groups = new Map<string, Member[]>();
	for (const [itemPath, decision] of entries(state.decisions)) {
		const key = contents
			? contents.get(itemPath)
			: (decision.copyOf ?? (hasEntry(state.copyLinks, itemPath) ? itemPath : undefined));
		if (key === undefined) {
			continue;
		}

		const movedTo = getEntry(state.moved, itemPath);
		const unplanned =
			movedTo === undefined &&
			(exclude?.has(itemPath) === true ||
				itemPathProblem(itemPath) !== undefined ||
				classNameProblem(decision.label) !== undefined);
		if (unplanned) {
			continue;
		}

		const member = {path: itemPath, label: decision.label, ...(movedTo ? {movedTo} : {})};
		const group = groups.get(key);
		if (group) {
			group.push(member);
		} else {
			groups.set(key, [member]);
		}
	}

	return [...groups.values()]
		.filter((group) => group.length > 1)
		.map((group) => group.sort(byPath));
}

/**
Where each pending member of a copy group goes. One label: the first in path order to the class
folder (unless a past commit already put one there) and the rest to `_duplicates/<label>/`.
Different labels: none moves, since either choice would put a wrong label in a training set.
*/
function placeGroups(input: PlanInput, outRoot: string): Map<string, Placement> {
	const placements = new Map<string, Placement>();
	for (const group of copyGroups(input)) {
		const pending = group.filter((member) => member.movedTo === undefined);
		const labels = new Set(group.map((member) => member.label));
		if (labels.size > 1) {
			const names = listed(group.map((member) => member.path));
			const reason = `${names} are the same image but labeled ${listed(group.map((member) => member.label))}; decide again so they share one label, then commit`;
			for (const member of pending) {
				placements.set(member.path, {kind: 'conflict', reason});
			}

			continue;
		}

		const label = group[0]?.label ?? '';
		const classFolder = `${recordPathOf(path.resolve(input.dir), path.join(outRoot, label))}/`;
		const holder = group.find((member) => member.movedTo?.startsWith(classFolder)) ?? pending[0];
		for (const member of pending) {
			placements.set(member.path, {kind: member === holder ? 'class' : 'duplicate'});
		}
	}

	return placements;
}

/**
Every decided, not yet moved item, headed for `<out>/<label>/<basename>`, in path order. Exact
copies go to `<out>/_duplicates/<label>/<basename>` but the first of their group; copies with
different labels are not planned but rejected, with the reason. Pure: name collisions are
resolved when the plan is executed, against the real folders.
*/
export function planCommit(input: PlanInput): CommitPlan {
	const {dir, out, state, exclude} = input;
	const root = path.resolve(dir);
	const outRoot = path.resolve(root, out);
	const placements = placeGroups(input, outRoot);
	const planned: PlanEntry[] = [];
	const rejected: FailedEntry[] = [];
	for (const [itemPath, decision] of entries(state.decisions)) {
		if (hasEntry(state.moved, itemPath) || exclude?.has(itemPath)) {
			continue;
		}

		const {label, size, mtimeMs} = decision;
		const problem = itemPathProblem(itemPath) ?? classNameProblem(label);
		const placement = placements.get(itemPath);
		if (problem !== undefined || placement?.kind === 'conflict') {
			const reason =
				placement?.kind === 'conflict'
					? placement.reason
					: `not moved: ${problem}; check the journal entry for this file`;
			rejected.push({path: itemPath, label, reason});
			continue;
		}

		const basename = itemPath.slice(itemPath.lastIndexOf('/') + 1);
		const folder =
			placement?.kind === 'duplicate'
				? path.join(outRoot, duplicatesFolder, label)
				: path.join(outRoot, label);
		const to = recordPathOf(root, path.join(folder, basename));
		planned.push({path: itemPath, label, size, mtimeMs, to});
	}

	planned.sort(byPath);
	rejected.sort(byPath);
	return {entries: planned, rejected};
}
