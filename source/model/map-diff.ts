import {entries, forEachEntry, type PersistentMap, resolveEntry} from '../core/persistent-map.js';

type Visit<V> = (key: string, old: V | undefined, current: V | undefined) => void;

/**
Calls `visit` for each key whose value differs between two versions of a persistent map (by
identity; `undefined` on the side where the key is absent). Buckets are shared between versions
and copied on write, so an unchanged bucket is skipped by identity: one keypress costs one bucket
(about n/512 entries), not n. Versions on different bases (a resume) are compared whole.
*/
export function diffMaps<V>(
	before: PersistentMap<V>,
	after: PersistentMap<V>,
	visit: Visit<V>,
): void {
	if (before.base !== after.base) {
		diffWhole(before, after, visit);
		return;
	}

	if (before.buckets === after.buckets) {
		return;
	}

	for (const [index, bucket] of after.buckets.entries()) {
		const old = before.buckets[index];
		if (old === bucket) {
			continue;
		}

		for (const [key, raw] of bucket ?? []) {
			const oldRaw = old?.get(key);
			if (oldRaw !== raw) {
				changed(key, resolveEntry(before, key, oldRaw), resolveEntry(after, key, raw), visit);
			}
		}

		for (const [key, oldRaw] of old ?? []) {
			if (!bucket?.has(key)) {
				changed(key, resolveEntry(before, key, oldRaw), resolveEntry(after, key, undefined), visit);
			}
		}
	}
}

function changed<V>(key: string, old: V | undefined, current: V | undefined, visit: Visit<V>) {
	if (old !== undefined || current !== undefined) {
		visit(key, old, current);
	}
}

function diffWhole<V>(before: PersistentMap<V>, after: PersistentMap<V>, visit: Visit<V>): void {
	const gone = new Map(entries(before));
	forEachEntry(after, (current, key) => {
		const old = gone.get(key);
		gone.delete(key);
		if (old !== current) {
			visit(key, old, current);
		}
	});
	for (const [key, old] of gone) {
		visit(key, old, undefined);
	}
}
