/**
An immutable string-keyed map with structural sharing.

The session reducer must stay pure, but copying a 100k-entry Map on every keypress would cost
milliseconds. Keys are spread over fixed buckets; an update copies one small bucket and the bucket
array, so `set` and `delete` cost O(n / buckets + buckets) instead of O(n).

A map may stand on a read-only base (a resumed snapshot's decisions, kept as columns): its buckets
then hold only what changed since, and a key the base has but the map removed is marked `removed`.
*/
const bucketCount = 512;

/** Marks a base key removed in the buckets above it. */
export const removed: unique symbol = Symbol('removed');
export type Removed = typeof removed;

/** Read-only entries under a map's buckets. Values may be made on each call (not kept). */
export type MapBase<V> = {
	readonly size: number;
	get(key: string): V | undefined;
	has(key: string): boolean;
	/** Every entry in a fixed order, except those whose key `skip` names (those are not made). */
	forEach(each: (value: V, key: string) => void, skip: (key: string) => boolean): void;
	entries(skip: (key: string) => boolean): Iterable<[string, V]>;
	/** The base's own copy of `key`, if it holds it: one string per path however many found it. */
	keyOf(key: string): string | undefined;
	/** `forEach` without the values: none is made. */
	forEachKey(each: (key: string) => void, skip: (key: string) => boolean): void;
};

export type Bucket<V> = ReadonlyMap<string, V | Removed>;

export type PersistentMap<V> = {
	readonly buckets: ReadonlyArray<Bucket<V> | undefined>;
	readonly size: number;
	/** Set while a batch (a journal replay) owns this map's bucket array. */
	readonly owner?: Edit;
	readonly base?: MapBase<V>;
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

const bucketOwners = new WeakMap<Bucket<unknown>, Edit>();

const emptyBuckets: ReadonlyArray<Bucket<never> | undefined> = Array.from({length: bucketCount});

export function emptyMap<V>(): PersistentMap<V> {
	return {buckets: emptyBuckets, size: 0};
}

/** A map holding what `base` holds, without copying it. */
export function mapOnBase<V>(base: MapBase<V>): PersistentMap<V> {
	return {buckets: emptyBuckets, size: base.size, base};
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

/** The value a bucket's raw entry stands for: the base's when the bucket has none. */
export function resolveEntry<V>(
	map: PersistentMap<V>,
	key: string,
	raw: V | Removed | undefined,
): V | undefined {
	if (raw === removed) return undefined;
	return raw === undefined ? map.base?.get(key) : raw;
}

export function getEntry<V>(map: PersistentMap<V>, key: string): V | undefined {
	return resolveEntry(map, key, map.buckets[bucketOf(key)]?.get(key));
}

export function hasEntry<V>(map: PersistentMap<V>, key: string): boolean {
	const raw = map.buckets[bucketOf(key)]?.get(key);
	if (raw === undefined) return map.base?.has(key) ?? false;
	return raw !== removed;
}

function writableBucket<V>(
	old: Bucket<V> | undefined,
	edit: Edit | undefined,
): Map<string, V | Removed> {
	if (old && edit && bucketOwners.get(old) === edit) {
		return old as Map<string, V | Removed>;
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
	bucket: Bucket<V> | undefined,
	size: number,
	edit: Edit | undefined,
): PersistentMap<V> {
	const {base} = map;
	if (edit && map.owner === edit) {
		(map.buckets as Array<Bucket<V> | undefined>)[index] = bucket;
		return base
			? {buckets: map.buckets, size, owner: edit, base}
			: {buckets: map.buckets, size, owner: edit};
	}

	const buckets = [...map.buckets];
	buckets[index] = bucket;
	const made: PersistentMap<V> = edit ? {buckets, size, owner: edit} : {buckets, size};
	return base ? {...made, base} : made;
}

export function setEntry<V>(
	map: PersistentMap<V>,
	key: string,
	value: V,
	edit?: Edit,
): PersistentMap<V> {
	const grows = !hasEntry(map, key);
	const index = bucketOf(key);
	const bucket = writableBucket(map.buckets[index], edit);
	bucket.set(key, value);
	return withBucket(map, index, bucket, map.size + (grows ? 1 : 0), edit);
}

export function deleteEntry<V>(map: PersistentMap<V>, key: string, edit?: Edit): PersistentMap<V> {
	if (!hasEntry(map, key)) {
		return map;
	}

	const index = bucketOf(key);
	const bucket = writableBucket(map.buckets[index], edit);
	if (map.base?.has(key)) {
		bucket.set(key, removed);
	} else {
		bucket.delete(key);
	}

	return withBucket(map, index, bucket.size === 0 ? undefined : bucket, map.size - 1, edit);
}

/** Ends a batch: the result no longer lets that batch mutate it. */
export function sealMap<V>(map: PersistentMap<V>): PersistentMap<V> {
	if (!map.owner) return map;
	return map.base
		? {buckets: map.buckets, size: map.size, base: map.base}
		: {buckets: map.buckets, size: map.size};
}

/**
Whether the buckets hold a key (a change over the base, or a removal), for a pass over the base: a
set of the few changed keys answers without hashing each of 100k paths again (a Set reuses the
hash a string keeps).
*/
function inBuckets<V>(map: PersistentMap<V>): (key: string) => boolean {
	const keys = new Set<string>();
	for (const bucket of map.buckets) {
		for (const key of bucket?.keys() ?? []) keys.add(key);
	}

	return keys.size > 0 ? (key) => keys.has(key) : () => false;
}

export function* entries<V>(map: PersistentMap<V>): Generator<[string, V]> {
	if (map.base) {
		yield* map.base.entries(inBuckets(map));
	}

	for (const bucket of map.buckets) {
		if (!bucket) continue;
		for (const [key, value] of bucket) {
			if (value !== removed) yield [key, value];
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
	if (!map.base) {
		// Without a base no bucket holds a removal mark.
		for (const bucket of map.buckets) {
			(bucket as ReadonlyMap<string, V> | undefined)?.forEach(each);
		}

		return;
	}

	map.base.forEach(each, inBuckets(map));
	for (const bucket of map.buckets) {
		bucket?.forEach((value, key) => {
			if (value !== removed) each(value, key);
		});
	}
}

/** Calls `each` with every key in `entries` order; a base's values are not made. */
export function forEachKey<V>(map: PersistentMap<V>, each: (key: string) => void): void {
	map.base?.forEachKey(each, inBuckets(map));
	for (const bucket of map.buckets) {
		bucket?.forEach((value, key) => {
			if (value !== removed) each(key);
		});
	}
}
