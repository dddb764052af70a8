import type {DecideRecord} from '../../source/core/journal-record.js';

/** A valid decide record; `seq` also names the item so records are easy to tell apart. */
export function decideRecord(seq: number, overrides: Partial<DecideRecord> = {}): DecideRecord {
	return {
		v: 1,
		seq,
		time: '2026-11-25T10:00:00.000Z',
		op: 'decide',
		path: `images/item-${String(seq).padStart(6, '0')}.jpg`,
		size: 1000 + seq,
		mtimeMs: 1_700_000_000_000,
		label: seq % 2 === 0 ? 'photo' : 'screenshot',
		ms: 400,
		via: 'key',
		...overrides,
	};
}
