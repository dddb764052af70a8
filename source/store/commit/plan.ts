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
};

/** Where copies beyond the first of an exact-duplicate group go, so training sets hold one. */
export const duplicatesFolder = '_duplicates';

/**
Every decided, not yet moved item, headed for `<out>/<label>/<basename>`, in path order. Exact
copies decided with another item go to `<out>/_duplicates/<label>/<basename>` instead.
Pure: name collisions are resolved when the plan is executed, against the real folders.
*/
export function planCommit({dir, out, state, exclude}: PlanInput): CommitPlan {
	const root = path.resolve(dir);
	const outRoot = path.resolve(root, out);
	const planned: PlanEntry[] = [];
	const rejected: FailedEntry[] = [];
	for (const [itemPath, decision] of entries(state.decisions)) {
		if (hasEntry(state.moved, itemPath) || exclude?.has(itemPath)) {
			continue;
		}

		const {label, size, mtimeMs} = decision;
		const problem = itemPathProblem(itemPath) ?? classNameProblem(label);
		if (problem !== undefined) {
			rejected.push({
				path: itemPath,
				label,
				reason: `not moved: ${problem}; check the journal entry for this file`,
			});
			continue;
		}

		const basename = itemPath.slice(itemPath.lastIndexOf('/') + 1);
		const source =
			decision.copyOf === undefined ? undefined : getEntry(state.decisions, decision.copyOf);
		const isCopy = source !== undefined && source.label === label;
		const folder = isCopy ? path.join(outRoot, duplicatesFolder, label) : path.join(outRoot, label);
		const to = recordPathOf(root, path.join(folder, basename));
		planned.push({path: itemPath, label, size, mtimeMs, to});
	}

	planned.sort((left, right) => (left.path < right.path ? -1 : left.path > right.path ? 1 : 0));
	return {entries: planned, rejected};
}
