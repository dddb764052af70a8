import {hammingDistance} from '../image/perceptual-hash.js';
import type {CheckedFile} from './check-types.js';
import {groupNearHashes} from './hamming-index.js';

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
	/** Hamming distance from the group's first file's dHash. */
	readonly distance: number;
};

export type NearGroup = {
	readonly id: number;
	/** Walk order; exact copies of a member are members too. */
	readonly members: readonly NearMember[];
};

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

/**
Near duplicates: decodable images whose dHashes are linked by chains of Hamming distance at most
`maxDistance`. Files with the same content count once, so exact copies alone never make a group.
*/
export function nearDuplicateGroups(
	files: readonly CheckedFile[],
	maxDistance: number,
): NearGroup[] {
	const hashed = files.filter((file) => isImage(file) && file.dhash !== undefined);
	// One entry per content: copies share the hash and would make every copy a "near" group.
	const contentIndex = new Map<string, number>();
	const contents: Array<{dhash: string; files: CheckedFile[]}> = [];
	for (const file of hashed) {
		const key = file.sha1 ?? file.path;
		const known = contentIndex.get(key);
		if (known === undefined) {
			contentIndex.set(key, contents.length);
			contents.push({dhash: file.dhash ?? '', files: [file]});
		} else {
			contents[known]?.files.push(file);
		}
	}

	const groups = groupNearHashes(
		contents.map((content) => content.dhash),
		maxDistance,
	);
	const order = new Map(hashed.map((file, at) => [file, at]));
	return groups.map((group, index) => {
		const members = group.flatMap((position) => contents[position]?.files ?? []);
		members.sort((left, right) => (order.get(left) ?? 0) - (order.get(right) ?? 0));
		const firstHash = members[0]?.dhash ?? '';
		return {
			id: index + 1,
			members: members.map((file) => ({
				path: file.path,
				distance: hammingDistance(firstHash, file.dhash ?? firstHash),
			})),
		};
	});
}
