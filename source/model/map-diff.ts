import type {PersistentMap} from '../core/persistent-map.js';

/**
Calls `visit` for each key whose value differs between two versions of a persistent map (by
identity; `undefined` on the side where the key is absent). Buckets are shared between versions
and copied on write, so an unchanged bucket is skipped by identity: one keypress costs one bucket
(about n/512 entries), not n.
*/
export function diffMaps<V>(
	before: PersistentMap<V>,
	after: PersistentMap<V>,
	visit: (key: string, old: V | undefined, current: V | undefined) => void,
): void {
	if (before.buckets === after.buckets) {
		return;
	}

	for (const [index, bucket] of after.buckets.entries()) {
		const old = before.buckets[index];
		if (old === bucket) {
			continue;
		}

		for (const [key, value] of bucket ?? []) {
			const previous = old?.get(key);
			if (previous !== value) {
				visit(key, previous, value);
			}
		}

		for (const [key, value] of old ?? []) {
			if (!bucket?.has(key)) {
				visit(key, value, undefined);
			}
		}
	}
}
