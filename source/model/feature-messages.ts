import type {ImageFeatures} from '../image/features.js';
import type {ShrunkImage} from '../image/shrink.js';

/** A request to a feature worker: an absolute file path. */
export type FeatureJob = {readonly id: number; readonly file: string};

export type FeatureReply =
	| {readonly id: number; readonly features: ImageFeatures; readonly thumbnail?: ShrunkImage}
	| {readonly id: number; readonly error: string; readonly reason: string};

/** What computing an image's features gave: features, or why there are none. */
export type FeatureResult =
	| {readonly ok: true; readonly features: ImageFeatures; readonly thumbnail?: ShrunkImage}
	| {readonly ok: false; readonly reason: string; readonly message: string};
