/**
An immutable string-keyed map with structural sharing.

The session reducer must stay pure, but copying a 100k-entry Map on every keypress would cost
milliseconds. Keys are spread over fixed buckets; an update copies one small bucket and the bucket
array, so `set` and `delete` cost O(n / buckets + buckets) instead of O(n).
*/
const bucketCount = 512;

export type PersistentMap<V> = {
	readonly buckets: ReadonlyArray<ReadonlyMap<string, V> | undefined>;
	readonly size: number;
	/** Set while a batch (a journal replay) owns this map's bucket array. */
	readonly owner?: Edit;
};

/**
A batch token, as Clojure's transients: while one replay holds it, updates mutate the buckets that
the same batch created instead of copying them. Intermediate maps of a batch are never handed out,
so callers still see immutable values.
*/
export type Edit = {readonly brand: 'edit'};

export function beginEdit(): Edit {
	return {brand: 'edit'};
}

const bucketOwners = new WeakMap<ReadonlyMap<string, unknown>, Edit>();

const emptyBuckets: ReadonlyArray<ReadonlyMap<string, never> | undefined> = Array.from({
	length: bucketCount,
});

export function emptyMap<V>(): PersistentMap<V> {
	return {buckets: emptyBuckets, size: 0};
}

function bucketOf(key: string): number {
	// FNV-1a over UTF-16 code units: fast and well spread for paths.
	let hash = 0x81_1c_9d_c5;
	for (let index = 0; index < key.length; index++) {
		hash ^= key.charCodeAt(index);
		hash = Math.imul(hash, 0x01_00_01_93);
	}

	return (hash >>> 0) % bucketCount;
}

export function getEntry<V>(map: PersistentMap<V>, key: string): V | undefined {
	return map.buckets[bucketOf(key)]?.get(key);
}

export function hasEntry<V>(map: PersistentMap<V>, key: string): boolean {
	return map.buckets[bucketOf(key)]?.has(key) ?? false;
}

function writableBucket<V>(
	old: ReadonlyMap<string, V> | undefined,
	edit: Edit | undefined,
): Map<string, V> {
	if (old && edit && bucketOwners.get(old) === edit) {
		return old as Map<string, V>;
	}

	const bucket = new Map(old);
	if (edit) {
		bucketOwners.set(bucket, edit);
	}

	return bucket;
}

function withBucket<V>(
	map: PersistentMap<V>,
	index: number,
	bucket: ReadonlyMap<string, V> | undefined,
	size: number,
	edit: Edit | undefined,
): PersistentMap<V> {
	if (edit && map.owner === edit) {
		(map.buckets as Array<ReadonlyMap<string, V> | undefined>)[index] = bucket;
		return {buckets: map.buckets, size, owner: edit};
	}

	const buckets = [...map.buckets];
	buckets[index] = bucket;
	return edit ? {buckets, size, owner: edit} : {buckets, size};
}

export function setEntry<V>(
	map: PersistentMap<V>,
	key: string,
	value: V,
	edit?: Edit,
): PersistentMap<V> {
	const index = bucketOf(key);
	const old = map.buckets[index];
	const grows = !old?.has(key);
	const bucket = writableBucket(old, edit);
	bucket.set(key, value);
	return withBucket(map, index, bucket, map.size + (grows ? 1 : 0), edit);
}

export function deleteEntry<V>(map: PersistentMap<V>, key: string, edit?: Edit): PersistentMap<V> {
	const index = bucketOf(key);
	const old = map.buckets[index];
	if (!old?.has(key)) {
		return map;
	}

	const bucket = writableBucket(old, edit);
	bucket.delete(key);
	return withBucket(map, index, bucket.size === 0 ? undefined : bucket, map.size - 1, edit);
}

/** Ends a batch: the result no longer lets that batch mutate it. */
export function sealMap<V>(map: PersistentMap<V>): PersistentMap<V> {
	return map.owner ? {buckets: map.buckets, size: map.size} : map;
}

export function* entries<V>(map: PersistentMap<V>): Generator<[string, V]> {
	for (const bucket of map.buckets) {
		if (bucket) {
			yield* bucket;
		}
	}
}

/**
Calls `each` with every entry in `entries` order, without a [key, value] pair per entry: a caller
walking 100k entries allocates nothing per entry.
*/
export function forEachEntry<V>(
	map: PersistentMap<V>,
	each: (value: V, key: string) => void,
): void {
	for (const bucket of map.buckets) {
		bucket?.forEach(each);
	}
}
