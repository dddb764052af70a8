/**
The value for `key` in `map`, made by `make` when missing, with `map` kept as a cache of the `kept`
most recently used entries: Map order is use order, so the first entry is the one to let go. A
value of undefined counts as missing.
*/
export function getRecent<Key, Value>(
	map: Map<Key, Value>,
	key: Key,
	kept: number,
	make: (key: Key) => Value,
): Value {
	let value = map.get(key);
	if (value === undefined) {
		value = make(key);
		if (map.size >= kept) {
			const oldest = map.keys().next();
			if (oldest.done !== true) map.delete(oldest.value);
		}
	} else {
		map.delete(key);
	}

	map.set(key, value);
	return value;
}
