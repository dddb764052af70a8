import path from 'node:path';
import {type NearThumbnail, thumbnailDifference} from '../image/near-match.js';
import {nearThumbnail} from '../image/near-thumbnail.js';
import {getRecent} from '../shared/recent-map.js';
import type {NearJudge} from './groups.js';

/**
Thumbnails kept at once (96 KiB each: two 64×64 thumbnails of three float channels). Kept least
recently used first, so a representative stays while its candidates, each judged once, pass through.
*/
const keptThumbnails = 64;

/**
A judge that decodes the images under `dir` (paths relative to it) on demand and keeps the last
few hundred thumbnails, so a representative with many candidates is decoded once. An image that
no longer decodes is judged not near anything.
*/
export function createNearJudge(dir: string): NearJudge {
	const thumbnails = new Map<string, Promise<NearThumbnail | undefined>>();
	// Least recently used goes first: the representative, asked for by every candidate, stays.
	const thumbnailOf = (relative: string) =>
		getRecent(thumbnails, relative, keptThumbnails, () =>
			nearThumbnail(path.join(dir, relative)).catch(() => undefined),
		);

	return async (left, right) => {
		const [one, other] = await Promise.all([thumbnailOf(left), thumbnailOf(right)]);
		return one === undefined || other === undefined ? undefined : thumbnailDifference(one, other);
	};
}
