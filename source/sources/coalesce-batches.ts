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
	let last: number | undefined;
	for await (const batch of batches) {
		held = held.length === 0 ? batch : [...held, ...batch];
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
