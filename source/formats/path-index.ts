/**
Finds a dataset item for a path written in another tool's file: by relative path, then by file
name when exactly one item has it. Paths that leave the dataset folder are refused, never followed.
*/
import path from 'node:path';
import type {ItemRef} from './format-types.js';

export type PathMatch =
	| {readonly way: 'path' | 'basename'; readonly path: string}
	| {readonly way: 'refused'; readonly reason: string}
	| {readonly way: 'none'};

export type PathIndex = {
	add(itemPath: string): void;
	has(itemPath: string): boolean;
	paths(): Iterable<string>;
	match(ref: ItemRef): PathMatch;
};

/** The dataset-relative POSIX path a written path names, or why it cannot name one. */
export function relativeCandidate(
	ref: ItemRef,
	dir: string,
): {path: string} | {refused: string} | undefined {
	if (ref.kind === 'url') {
		return ref.path === '' ? undefined : {path: ref.path};
	}

	const plain = ref.path;
	// The common case, a clean relative path, needs no normalizing.
	if (!/^[./]|\/\.|\/\/|[\\\0]/.test(plain)) {
		return plain === '' ? undefined : {path: plain};
	}

	const written = plain.replaceAll('\\', '/');
	if (written.includes('\0')) {
		return {refused: 'has a NUL byte'};
	}

	if (path.isAbsolute(written)) {
		const relative = path.relative(path.resolve(dir), path.resolve(written));
		if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
			return {refused: `is outside ${dir}`};
		}

		return {path: relative.split(path.sep).join('/')};
	}

	const normal = path.posix.normalize(written);
	if (normal === '..' || normal.startsWith('../')) {
		return {refused: `leaves ${dir} (..)`};
	}

	return {path: normal.replace(/^\.\//, '')};
}

export function createPathIndex(dir: string): PathIndex {
	/**
	Each item's path to itself: a match gives the walk's own string, not the one read from the file,
	which may be a slice of its whole line (a CSV field) and would keep that line alive as long as
	the item's decision (~9 MB at 100k).
	*/
	const byPath = new Map<string, string>();
	/**
	File name to its one path, or null when several items share it. Made at the first path that
	does not match as written: an import whose paths all match never needs it (at 100k items, a
	fifth of matching's time and a map of 100k names).
	*/
	let byBase: Map<string, string | null> | undefined;
	const addBase = (bases: Map<string, string | null>, itemPath: string) => {
		// A walked path is clean POSIX: its name is what follows the last slash.
		const base = itemPath.slice(itemPath.lastIndexOf('/') + 1);
		bases.set(base, bases.has(base) ? null : itemPath);
	};
	const baseIndex = () => {
		if (byBase === undefined) {
			byBase = new Map();
			for (const itemPath of byPath.keys()) addBase(byBase, itemPath);
		}

		return byBase;
	};

	return {
		// Callers add each path once (a walk, a list of decided items).
		add(itemPath) {
			byPath.set(itemPath, itemPath);
			if (byBase) addBase(byBase, itemPath);
		},
		has: (itemPath) => byPath.has(itemPath),
		paths: () => byPath.keys(),
		match(ref) {
			const candidate = relativeCandidate(ref, dir);
			if (candidate === undefined) {
				return {way: 'none'};
			}

			if ('refused' in candidate) {
				return {way: 'refused', reason: candidate.refused};
			}

			const own = byPath.get(candidate.path);
			if (own !== undefined) {
				return {way: 'path', path: own};
			}

			const unique = baseIndex().get(path.posix.basename(candidate.path));
			return typeof unique === 'string' ? {way: 'basename', path: unique} : {way: 'none'};
		},
	};
}
