/** FNV-1a over UTF-16 code units, started from the seed, then murmur3's finalizer to spread the bits. */
function keyedHash(text: string, seed: number): number {
	let hash = (0x811c9dc5 ^ seed) >>> 0;
	for (let index = 0; index < text.length; index++) {
		hash ^= text.charCodeAt(index);
		hash = Math.imul(hash, 0x01000193);
	}

	hash ^= hash >>> 16;
	hash = Math.imul(hash, 0x85ebca6b);
	hash ^= hash >>> 13;
	hash = Math.imul(hash, 0xc2b2ae35);
	hash ^= hash >>> 16;
	return hash >>> 0;
}

/**
A shuffled order that is the same for the same seed and the same set of paths: each path is placed
by a hash of (seed, path), so the input order does not matter and a resumed session sees the same
sequence. The seed is taken as a 32-bit unsigned integer.

It needs the whole list first. While a scan is still streaming, a path found later lands anywhere
in the order, including before images already shown; show items in scan order until the scan is
done, then shuffle what is left.
*/
export function shuffleOrder(paths: readonly string[], seed: number): string[] {
	const unsignedSeed = Math.trunc(seed) >>> 0;
	const keys = new Uint32Array(paths.length);
	const tieBreaks = new Uint32Array(paths.length);
	for (const [index, path] of paths.entries()) {
		keys[index] = keyedHash(path, unsignedSeed);
		tieBreaks[index] = keyedHash(path, unsignedSeed ^ 0x9e3779b9);
	}

	const indexes = Array.from(paths.keys());
	indexes.sort((left, right) => {
		const byKey = (keys[left] ?? 0) - (keys[right] ?? 0);
		if (byKey !== 0) {
			return byKey;
		}

		const byTieBreak = (tieBreaks[left] ?? 0) - (tieBreaks[right] ?? 0);
		if (byTieBreak !== 0) {
			return byTieBreak;
		}

		// Equal 64-bit keys: fall back to the path itself, so the order still ignores input order.
		const leftPath = paths[left] ?? '';
		const rightPath = paths[right] ?? '';
		return leftPath < rightPath ? -1 : leftPath > rightPath ? 1 : 0;
	});
	return indexes.map((index) => paths[index] ?? '');
}
