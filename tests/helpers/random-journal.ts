/**
Random journals written by the real reducer: every record is one the live session would have
appended (decide, accept-guess, skip, undo, moved, restored, reopen, broken, copy, session), over
a small pool of paths so undos, reopens and restores find something to act on.
*/
import type {JournalRecord} from '../../source/core/journal-record.js';
import {type SessionAction, transition} from '../../source/core/session-reducer.js';
import {decisionOf, initialState, type SessionState} from '../../source/core/session-state.js';

export const randomClasses = ['photo', 'screenshot', 'meme'] as const;

function mulberry32(seed: number): () => number {
	let value = seed >>> 0;
	return () => {
		value = (value + 0x6d_2b_79_f5) >>> 0;
		let mixed = value;
		mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
		mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
		return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
	};
}

export function randomJournal(seed: number, count: number, pool = 40): JournalRecord[] {
	const random = mulberry32(seed);
	const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
	const paths = Array.from({length: pool}, (_, index) => `day-${index % 4}/img ${index}.jpg`);
	// Some paths are in the catalog as the live session saw them; the fold never sees the catalog.
	let state: SessionState =
		transition(initialState(randomClasses), {type: 'items-found', paths: paths.slice(0, pool / 2)})
			?.state ?? initialState(randomClasses);
	const records: JournalRecord[] = [];
	const start = Date.UTC(2026, 0, 1);
	for (let attempts = 0; records.length < count && attempts < count * 20; attempts++) {
		const time = new Date(start + attempts * 1000).toISOString();
		const path = random() < 0.6 && state.cursor !== undefined ? state.cursor : pick(paths);
		const item = {
			path,
			size: 100 + Math.floor(random() * 50),
			mtimeMs: 1_700_000_000_000,
			// Newer journals carry the file's ctime and inode too.
			...(random() < 0.5
				? {ctimeMs: 1_700_000_000_500, ino: 4000 + Math.floor(random() * 99)}
				: {}),
		};
		const label = pick(randomClasses);
		const roll = random();
		const decided = decisionOf(state, path);
		let action: SessionAction;
		if (roll < 0.15) {
			action = {type: 'decide', time, item, label, ms: 400};
		} else if (roll < 0.25) {
			const origin =
				random() < 0.5
					? {kind: 'grid' as const, page: 3, guessed: label, outcome: 'confirmed' as const}
					: {kind: 'auto' as const, probability: 0.97, threshold: 0.95};
			action = {type: 'decide', time, item, label, ms: 0, origin};
		} else if (roll < 0.3) {
			const imported = random() < 0.5 ? {} : {annotator: 'bea', confidence: 0.8, origin: 'key'};
			action = {type: 'decide', time, item, label, ms: 0, imported};
		} else if (roll < 0.4) {
			const guess = {label, confidence: Number(random().toFixed(3)), source: 'builtin'};
			action = {type: 'accept-guess', time, item, guess, ms: 300};
		} else if (roll < 0.5) {
			action = {type: 'skip', time, item, ms: 200};
		} else if (roll < 0.62) {
			action = {type: 'undo', time};
		} else if (roll < 0.7 && decided) {
			action = {type: 'moved', time, path, to: `labeled/${decided.label}/${path}`, label};
		} else if (roll < 0.76) {
			action = {type: 'restored', time, path, from: `labeled/${label}/${path}`};
		} else if (roll < 0.82) {
			const changed = random() < 0.5;
			action = {
				type: 'reopen',
				time,
				path,
				reason: changed ? 'changed' : 'missing',
				...(changed ? {size: 7, mtimeMs: 9} : {}),
			};
		} else if (roll < 0.87) {
			action = {type: 'broken', time, item, reason: 'truncated', detail: 'cut short'};
		} else if (roll < 0.95) {
			action = {type: 'copy', time, item, of: pick(paths), label};
		} else {
			action = {type: 'session-start', time, user: 'ann', host: 'box', pid: 7};
		}

		const next = transition(state, action);
		if (next?.record) {
			state = next.state;
			records.push(next.record);
		}
	}

	return records;
}
