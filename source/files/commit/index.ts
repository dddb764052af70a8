export {type ContentHashes, hashPossibleCopies} from './content-hashes.js';
export {describeCommit} from './describe.js';
export {executeCommit} from './execute.js';
export {duplicatesFolder, planCommit} from './plan.js';
export {planFilePath} from './plan-file.js';
export {recoverCommit} from './recover.js';
export {type RestoreOptions, restoreMoved} from './restore.js';
export type {
	CommitEvent,
	CommitOptions,
	CommitPlan,
	CommitProgress,
	CommitRecorder,
	CommitReport,
	FailedEntry,
	FileOps,
	MovedEntry,
	PlanEntry,
	SkippedEntry,
} from './types.js';
