import {entries} from '../core/persistent-map.js';
import type {SessionState} from '../core/session-state.js';
import {escapeControl} from '../shared/escape.js';

export type StatusHygiene = {
	/** Files set aside as not usable images, with why, in path order. */
	readonly broken: ReadonlyArray<{path: string; reason: string; detail: string}>;
	/** Exact copies decided with another file (moved to `_duplicates/` on commit), in path order. */
	readonly copies: ReadonlyArray<{path: string; of: string; label: string}>;
};

const byPath = (left: {path: string}, right: {path: string}) =>
	left.path < right.path ? -1 : left.path > right.path ? 1 : 0;

export function hygieneOf(state: SessionState): StatusHygiene {
	const broken = [...entries(state.broken)].map(([path, note]) => ({
		path,
		reason: note.reason,
		detail: note.detail,
	}));
	const copies: Array<{path: string; of: string; label: string}> = [];
	for (const [path, decision] of entries(state.decisions)) {
		if (decision.copyOf !== undefined) {
			copies.push({path, of: decision.copyOf, label: decision.label});
		}
	}

	return {broken: broken.sort(byPath), copies: copies.sort(byPath)};
}

/** Lines listed per kind before "… and N more". */
const listed = 10;

function more(count: number): string[] {
	return count > listed
		? [`    … and ${count - listed} more (imgsift status --json lists all)`]
		: [];
}

export function formatHygiene({broken, copies}: StatusHygiene): string[] {
	const lines: string[] = [];
	if (broken.length > 0) {
		lines.push(
			`  broken       ${broken.length} set aside, never shown (imgsift check --quarantine moves them)`,
		);
		for (const item of broken.slice(0, listed)) {
			lines.push(`    ${escapeControl(item.path)}  ${item.reason}: ${escapeControl(item.detail)}`);
		}

		lines.push(...more(broken.length));
	}

	if (copies.length > 0) {
		lines.push(
			`  copies       ${copies.length} exact ${copies.length === 1 ? 'copy' : 'copies'} decided with the first of their group (committed to _duplicates/<class>/)`,
		);
		for (const item of copies.slice(0, listed)) {
			lines.push(
				`    ${escapeControl(item.path)}  = ${escapeControl(item.of)} (${escapeControl(item.label)})`,
			);
		}

		lines.push(...more(copies.length));
	}

	return lines;
}
