import type {SessionState} from '../../core/session-state.js';

/** What the commit tells its caller, who appends the matching journal record and resolves. */
export type CommitEvent =
	| {readonly type: 'moved'; readonly path: string; readonly to: string; readonly label: string}
	| {readonly type: 'restored'; readonly path: string; readonly from: string};

export type CommitRecorder = (event: CommitEvent) => Promise<void>;

/** One file to move, as written ahead to `.labels/commit-plan.json`. */
export type PlanEntry = {
	/** Relative to the dataset folder, with `/` separators. */
	readonly path: string;
	readonly label: string;
	/** Size and mtime from the decision: a file that differs has changed since it was decided. */
	readonly size: number;
	readonly mtimeMs: number;
	/** Intended destination: relative to the dataset folder when inside it, else absolute. */
	readonly to: string;
};

export type CommitPlan = {
	readonly entries: readonly PlanEntry[];
	/** Decided items that cannot be planned (an unsafe label or path from a hand-edited journal). */
	readonly rejected: readonly FailedEntry[];
};

export type MovedEntry = {
	readonly path: string;
	readonly to: string;
	readonly label: string;
	/** Finished from the plan of an interrupted commit. */
	readonly recovered: boolean;
};

export type SkippedEntry = {
	readonly path: string;
	readonly label: string;
	readonly reason: 'changed' | 'missing';
	readonly detail: string;
};

export type FailedEntry = {
	readonly path: string;
	readonly label: string;
	/** Says what happened and what to do next. */
	readonly reason: string;
	readonly cause?: unknown;
};

export type CommitReport = {
	readonly planned: number;
	readonly moved: readonly MovedEntry[];
	/** Changed or missing since decided: not moved, still decided. */
	readonly skipped: readonly SkippedEntry[];
	/** Left in place; the next commit retries them. */
	readonly failed: readonly FailedEntry[];
	/** Set when the whole commit could not run (the plan could not be written or read). */
	readonly stopped?: string;
};

export type CommitProgress = {
	readonly done: number;
	readonly total: number;
	readonly path: string;
};

/** The filesystem calls that decide where bytes go; tests swap them to make EXDEV or ENOSPC. */
export type FileOps = {
	readonly link: (existingPath: string, newPath: string) => Promise<void>;
	readonly rename: (oldPath: string, newPath: string) => Promise<void>;
	readonly copyFile: (source: string, destination: string, mode: number) => Promise<void>;
	readonly unlink: (path: string) => Promise<void>;
};

export type CommitOptions = {
	/** The dataset folder. */
	readonly dir: string;
	/** The output folder; class folders are created inside it. */
	readonly out: string;
	readonly state: SessionState;
	readonly record: CommitRecorder;
	readonly onProgress?: (progress: CommitProgress) => void;
	readonly ops?: Partial<FileOps>;
};
