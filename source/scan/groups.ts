import {nearMaxDifference} from '../image/near-match.js';
import type {CheckedFile} from './check-types.js';
import {HammingIndex} from './hamming-index.js';
import {cropDistance, nearHashesOf} from './near-candidates.js';

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

/**
Exact duplicates: decodable images with the same SHA-1, groups in order of first appearance.
A file's first SHA-1 costs a number in a map, not a list: at 100,000 mostly distinct files the
lists were 6 MB more while the report was made.
*/
export function exactDuplicateGroups(files: readonly CheckedFile[]): DuplicateGroup[] {
	const firstOf = new Map<string, number>();
	const copiesOf = new Map<string, number[]>();
	for (const [index, file] of files.entries()) {
		if (isImage(file) && file.sha1 !== undefined) {
			if (!firstOf.has(file.sha1)) {
				firstOf.set(file.sha1, index);
			} else {
				const copies = copiesOf.get(file.sha1);
				if (copies) copies.push(index);
				else copiesOf.set(file.sha1, [index]);
			}
		}
	}

	const groups: DuplicateGroup[] = [];
	for (const [sha1, first] of firstOf) {
		const copies = copiesOf.get(sha1);
		const kept = files[first];
		if (copies !== undefined && kept !== undefined) {
			const paths = [kept.path, ...copies.map((index) => files[index]?.path ?? '')];
			groups.push({id: groups.length + 1, sha1, size: kept.size, paths});
		}
	}

	return groups;
}

/**
One entry per content (copies share the hash and would make every copy a "near" group), in
columns: at 100,000 files an object per content, with its hashes as objects of heap numbers, was
25 MB while the report was made. `first` is the content's first file; `more` its other files.
*/
type Contents = {
	readonly count: number;
	readonly phash: {readonly high: Uint32Array; readonly low: Uint32Array};
	readonly centre: {readonly high: Uint32Array; readonly low: Uint32Array};
	readonly first: Uint32Array;
	readonly more: ReadonlyMap<number, readonly number[]>;
};

function contentsOf(files: readonly CheckedFile[]): Contents {
	const contentIndex = new Map<string, number>();
	const columns = () => ({high: new Uint32Array(files.length), low: new Uint32Array(files.length)});
	const phash = columns();
	const centre = columns();
	const first = new Uint32Array(files.length);
	const more = new Map<number, number[]>();
	let count = 0;
	for (const [index, file] of files.entries()) {
		const hashes = isImage(file) ? nearHashesOf(file) : undefined;
		if (hashes === undefined) {
			continue;
		}

		const key = file.sha1 ?? file.path;
		const known = contentIndex.get(key);
		if (known !== undefined) {
			const others = more.get(known);
			if (others) others.push(index);
			else more.set(known, [index]);
			continue;
		}

		contentIndex.set(key, count);
		phash.high[count] = hashes.phash.high;
		phash.low[count] = hashes.phash.low;
		centre.high[count] = hashes.centre.high;
		centre.low[count] = hashes.centre.low;
		first[count] = index;
		count++;
	}

	const cut = (words: {high: Uint32Array; low: Uint32Array}) => ({
		high: words.high.subarray(0, count),
		low: words.low.subarray(0, count),
	});
	return {count, phash: cut(phash), centre: cut(centre), first: first.subarray(0, count), more};
}

/** The files of one content, its first one first. */
function filesOf(
	files: readonly CheckedFile[],
	contents: Contents,
	content: number,
): CheckedFile[] {
	const indexes = [contents.first[content] ?? 0, ...(contents.more.get(content) ?? [])];
	return indexes.flatMap((index) => files[index] ?? []);
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
	const phashes = new HammingIndex(contents.phash);
	const centres = new HammingIndex(contents.centre);
	const crop = Math.min(maxDistance, cropDistance);
	const taken = new Uint8Array(contents.count);
	const groups: NearGroup[] = [];
	const fileOf = (content: number) => files[contents.first[content] ?? 0];
	for (let leader = 0; leader < contents.count; leader++) {
		if (taken[leader] === 1) {
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
		const own = (words: Contents['phash']) => ({
			high: words.high[leader] ?? 0,
			low: words.low[leader] ?? 0,
		});
		phashes.forEachNearHash(own(contents.centre), crop, consider);
		centres.forEachNearHash(own(contents.phash), crop, consider);
		if (closest.size === 0) {
			continue; // Nothing near: no group, and no list of its files made.
		}

		const leaderFiles = filesOf(files, contents, leader);
		const members: NearMember[] = leaderFiles.map((file) => memberOf(file, 0, 0));
		const leaderPath = leaderFiles[0]?.path ?? '';
		const candidates = [...closest.keys()].sort((left, right) => left - right);
		const differences = await judgeCandidates(fileOf, leader, candidates, judge);
		for (const [position, candidate] of candidates.entries()) {
			const difference = differences[position];
			if (difference === undefined || difference > nearMaxDifference) {
				continue;
			}

			taken[candidate] = 1;
			const distance = closest.get(candidate) ?? 0;
			const found = filesOf(files, contents, candidate);
			members.push(...found.map((file) => memberOf(file, distance, difference)));
		}

		if (members.length > leaderFiles.length) {
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
	fileOf: (content: number) => CheckedFile | undefined,
	leader: number,
	candidates: readonly number[],
	judge: NearJudge,
): Promise<Array<number | undefined>> {
	const pathOf = (index: number) => fileOf(index)?.path ?? '';
	const pictureOf = (index: number) => fileOf(index)?.picture;
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
