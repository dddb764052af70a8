/**
Joins a source's small batches (the walk yields one per folder: 1,000 day folders give 1,000
batches) into fewer, larger ones: the first batch passes at once so the first image shows, then at
most one batch per `intervalMs`. Each batch the session takes is a state change and a screen frame;
a frame per folder made the screen, not `readdir`, the bound of a 100k scan.
*/
export async function* coalesceBatches<T>(
	batches: AsyncIterable<T[]>,
	intervalMs: number,
	now: () => number = () => performance.now(),
): AsyncGenerator<T[], void, undefined> {
	let held: T[] = [];
	// Whether `held` is this function's own array, to append to: a source's array is never changed.
	let owned = false;
	let last: number | undefined;
	for await (const batch of batches) {
		if (held.length === 0) {
			held = batch;
			owned = false;
		} else {
			// Appended, not copied whole per batch: a 100 ms window of a 100k walk joins ~80 folders,
			// and a copy per folder made ~30 MB of garbage arrays over the scan.
			if (!owned) {
				held = [...held];
				owned = true;
			}

			for (const item of batch) held.push(item);
		}

		const at = now();
		if (last === undefined || at - last >= intervalMs) {
			last = at;
			yield held;
			held = [];
		}
	}

	if (held.length > 0) {
		yield held;
	}
}
