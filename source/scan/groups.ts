import {nearMaxDifference} from '../image/near-match.js';
import type {CheckedFile} from './check-types.js';
import {HammingIndex} from './hamming-index.js';
import {cropDistance, type NearHashes, nearHashesOf} from './near-candidates.js';

export type DuplicateGroup = {
	/** 1, 2, … in order of each group's first file. */
	readonly id: number;
	readonly sha1: string;
	/** Bytes of one copy. */
	readonly size: number;
	/** Walk order; the first is the one to keep, the rest are exact copies of it. */
	readonly paths: readonly string[];
};

export type NearMember = {
	readonly path: string;
	/** pHash bits that differ from the representative's (for a crop, its centre hash's: the closest lookup). */
	readonly distance: number;
	/** The thumbnail score against the representative (see image/near-match.ts); 0 for copies. */
	readonly difference: number;
};

export type NearGroup = {
	readonly id: number;
	/** The first member in walk order: every other member is near it, not just near another. */
	readonly representative: string;
	/** Walk order, the representative first; exact copies of a member are members too. */
	readonly members: readonly NearMember[];
};

/** How far apart two images' thumbnails are; undefined when one cannot be decoded now. */
export type NearJudge = (left: string, right: string) => Promise<number | undefined>;

const isImage = (file: CheckedFile) => file.reason === undefined;

/** Exact duplicates: decodable images with the same SHA-1, groups in order of first appearance. */
export function exactDuplicateGroups(files: readonly CheckedFile[]): DuplicateGroup[] {
	const bySha1 = new Map<string, CheckedFile[]>();
	for (const file of files) {
		if (isImage(file) && file.sha1 !== undefined) {
			const same = bySha1.get(file.sha1);
			if (same) {
				same.push(file);
			} else {
				bySha1.set(file.sha1, [file]);
			}
		}
	}

	const groups: DuplicateGroup[] = [];
	for (const [sha1, same] of bySha1) {
		if (same.length >= 2) {
			const first = same[0];
			groups.push({
				id: groups.length + 1,
				sha1,
				size: first?.size ?? 0,
				paths: same.map((file) => file.path),
			});
		}
	}

	return groups;
}

type Content = {readonly hashes: NearHashes; readonly files: CheckedFile[]};

const hexOf = (hash: {readonly high: number; readonly low: number}) =>
	(hash.high >>> 0).toString(16).padStart(8, '0') + (hash.low >>> 0).toString(16).padStart(8, '0');

/** One entry per content: copies share the hash and would make every copy a "near" group. */
function contentsOf(files: readonly CheckedFile[]): Content[] {
	const contentIndex = new Map<string, number>();
	const contents: Content[] = [];
	for (const file of files) {
		const hashes = isImage(file) ? nearHashesOf(file) : undefined;
		if (hashes === undefined) {
			continue;
		}

		const key = file.sha1 ?? file.path;
		const known = contentIndex.get(key);
		if (known === undefined) {
			contentIndex.set(key, contents.length);
			contents.push({hashes, files: [file]});
		} else {
			contents[known]?.files.push(file);
		}
	}

	return contents;
}

/**
Near duplicates, without chains: in walk order, each image not yet in a group is a
representative, and takes in every later ungrouped image that is a candidate within `maxDistance`
bits (scan/near-candidates.ts: the same pHash, or one a small crop of the other) and whose thumbnail `judge` scores at most `nearMaxDifference` against it. So
every member is near the representative itself. Files with the same content count once, so exact
copies alone never make a group.
*/
export async function nearDuplicateGroups(
	files: readonly CheckedFile[],
	maxDistance: number,
	judge: NearJudge,
): Promise<NearGroup[]> {
	const contents = contentsOf(files);
	const phashes = new HammingIndex(contents.map((content) => hexOf(content.hashes.phash)));
	const centres = new HammingIndex(contents.map((content) => hexOf(content.hashes.centre)));
	const crop = Math.min(maxDistance, cropDistance);
	const taken = new Uint8Array(contents.length);
	const groups: NearGroup[] = [];
	for (let leader = 0; leader < contents.length; leader++) {
		const representative = contents[leader];
		if (taken[leader] === 1 || representative === undefined) {
			continue;
		}

		const closest = new Map<number, number>();
		const consider = (other: number, distance: number) => {
			if (other > leader && taken[other] === 0) {
				closest.set(other, Math.min(distance, closest.get(other) ?? distance));
			}
		};
		phashes.forEachNear(leader, maxDistance, consider);
		// The crop lookups of candidateProbes, for representatives only: the others are crops of
		// it, or it is a crop of them. Pairs for every image at once, made ahead, were quadratic
		// in a set's copies: 100,000 files holding 64 pictures ran out of a 4 GB heap.
		phashes.forEachNearHash(representative.hashes.centre, crop, consider);
		centres.forEachNearHash(representative.hashes.phash, crop, consider);

		const members: NearMember[] = representative.files.map((file) => memberOf(file, 0, 0));
		const leaderPath = representative.files[0]?.path ?? '';
		const candidates = [...closest.keys()].sort((left, right) => left - right);
		const differences = await judgeCandidates(contents, leader, candidates, judge);
		for (const [position, candidate] of candidates.entries()) {
			const content = contents[candidate];
			const difference = differences[position];
			if (content === undefined || difference === undefined || difference > nearMaxDifference) {
				continue;
			}

			taken[candidate] = 1;
			const distance = closest.get(candidate) ?? 0;
			members.push(...content.files.map((file) => memberOf(file, distance, difference)));
		}

		if (members.length > representative.files.length) {
			groups.push({id: groups.length + 1, representative: leaderPath, members});
		}
	}

	return groups;
}

/**
Judgements in flight: each decodes a thumbnail (about 10 ms of libvips work), one at a time left
a core idle and made 5,000 pixel-identical copies take 50 s on the 2-core box.
*/
const judgesInFlight = 4;

/** `work` on every item, at most `limit` at once; results in the items' order. */
async function mapLimited<T, R>(
	items: readonly T[],
	limit: number,
	work: (item: T) => Promise<R>,
): Promise<R[]> {
	const results = new Array<R>(items.length);
	let next = 0;
	const worker = async () => {
		for (let index = next++; index < items.length; index = next++) {
			results[index] = await work(items[index] as T);
		}
	};
	await Promise.all(Array.from({length: Math.min(limit, items.length)}, worker));
	return results;
}

/**
Each candidate's thumbnail score against the representative. Candidates are judged against the
representative alone, so several at once. Files with one picture digest (image/picture-digest.ts)
decode to the same pixels: one of them is judged for all, and one with the representative's own
picture scores 0 undecoded, so thousands of re-tagged copies cost one decode, not thousands.
*/
async function judgeCandidates(
	contents: readonly Content[],
	leader: number,
	candidates: readonly number[],
	judge: NearJudge,
): Promise<Array<number | undefined>> {
	const pathOf = (index: number) => contents[index]?.files[0]?.path ?? '';
	const pictureOf = (index: number) => contents[index]?.files[0]?.picture;
	const leaderPicture = pictureOf(leader);
	// Which judgement answers each candidate: its own, or the first one with its picture.
	const slotOf = new Map<string, number>();
	const toJudge: number[] = [];
	const slots = candidates.map((candidate) => {
		const picture = pictureOf(candidate);
		if (picture !== undefined && picture === leaderPicture) return -1;
		const known = picture === undefined ? undefined : slotOf.get(picture);
		if (known !== undefined) return known;
		if (picture !== undefined) slotOf.set(picture, toJudge.length);
		toJudge.push(candidate);
		return toJudge.length - 1;
	});
	const scores = await mapLimited(toJudge, judgesInFlight, async (candidate) =>
		judge(pathOf(leader), pathOf(candidate)),
	);
	return slots.map((slot) => (slot === -1 ? 0 : scores[slot]));
}

function memberOf(file: CheckedFile, distance: number, difference: number): NearMember {
	return {path: file.path, distance, difference: Math.round(difference * 10) / 10};
}
