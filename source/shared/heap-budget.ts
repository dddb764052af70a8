import {PerformanceObserver} from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';

/**
How a long batch command (`check` over 100,000 files, `commit`) keeps V8's heap near what it holds.

- The young generation starts at two 1 MB semi-spaces and V8 doubles them, up to 16 MB each,
  once enough objects survive its scavenges, as a long run's per-file records always do: 32 MB
  of RSS that holds only garbage. A growth factor of 1 keeps it at its starting size.
- After each full collection V8 lets the old generation grow by a factor it picks between 1.1
  and 4 from how fast the program allocates: a heap of 60 MB live may fill to 240 MB before the
  next one. `heapGrowingPercent` fixes the factor.

Both are flags V8 reads each time it sizes the heap, so they take effect when set at run time
(flags read only at start-up, like --max-semi-space-size, do not). The cost is more, smaller
collections; measured in the README ("Start-up, resume and memory at 100,000 files").
*/
export const heapGrowingPercent = 30;

export type HeapBudget = {
	/**
	Let the young generation grow to this many MiB (V8's `new_space`: both semi-spaces, 2 MiB at
	the start, 32 MiB at most) before holding it. An import allocates ~7 KB per item, most of it
	dying young: at 1 MiB its 100k-item run spent a third of its time in 400 scavenges; at 8 MiB it
	ran 11% faster with the same peak RSS, at 16 (with the old generation's 100%) 2–9% faster
	again for up to 16 MiB more (README).
	*/
	readonly youngGenerationMiB?: number;
	/**
	How far the old generation may grow past what a full collection left, in percent (default
	`heapGrowingPercent`). An import's state grows to ~100k entries: at 30% the heap is marked
	whole about seven times on the way; at 100% it took 10% less time and 20 MiB more (README).
	*/
	readonly oldGenerationGrowingPercent?: number;
};

/** Whether a budget holds the young generation (growth factor 1), to hold it again (see below). */
let youngGenerationHeld = false;

function setGrowthFactor(factor: 1 | 2): void {
	youngGenerationHeld = factor === 1;
	v8.setFlagsFromString(`--semi-space-growth-factor=${factor}`);
}

/**
V8 raises the young generation's growth factor to at least 2 whenever it makes an isolate, and a
worker thread is one (tests/shared/heap-budget.test.ts). Call this once a worker is online. Until
the main thread handles that event the young generation may grow: for as long as it stays busy
(a worker's own first statement ran 60-150 ms after its start in such runs). The 32 MiB seen in
resumed 100k label starts came from the journal's replay, before `label` set the budget at all
(README, start-up, eighth pass); the launcher's --max-semi-space-size=8 caps it regardless.
*/
export function reassertHeapBudget(): void {
	if (youngGenerationHeld) {
		setGrowthFactor(1);
	}
}

const newSpaceBytes = (): number =>
	v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;

/**
Holds the young generation once it reaches `bytes`: V8 has no run-time maximum, so its growth
factor is set to 1 after the collection that grew it that far. Checked after each collection, as
the event loop delivers them: a batch that never yields overshoots, up to V8's own 32 MiB. (A
worker thread's start sets the factor back: see reassertHeapBudget.)
*/
function holdYoungGenerationAt(bytes: number): void {
	const observer = new PerformanceObserver(() => {
		if (newSpaceBytes() >= bytes) {
			setGrowthFactor(1);
			observer.disconnect();
		}
	});
	observer.observe({entryTypes: ['gc']});
}

/**
Sets both for the rest of the process. IMGSIFT_HEAP=default leaves V8's own sizing, to measure
the difference.
*/
export function keepHeapSmall(
	env: NodeJS.ProcessEnv = process.env,
	budget: HeapBudget = {},
): boolean {
	if (env['IMGSIFT_HEAP'] === 'default') {
		return false;
	}

	const youngBytes = (budget.youngGenerationMiB ?? 0) * 1024 * 1024;
	if (youngBytes > newSpaceBytes()) {
		// V8's default, set again: an earlier call in this process may have set 1.
		setGrowthFactor(2);
		holdYoungGenerationAt(youngBytes);
	} else {
		setGrowthFactor(1);
	}

	v8.setFlagsFromString(
		`--heap-growing-percent=${budget.oldGenerationGrowingPercent ?? heapGrowingPercent}`,
	);
	return true;
}

type CollectGarbage = () => void;
let collector: CollectGarbage | undefined;

/**
One full collection now, for what a finished phase left behind. A resume parses its snapshot into
tens of MB of arrays in V8's large-object space; under the heap's growth rules they stayed until
well after the walk, on top of everything it found. V8 has no API for this: `--expose-gc` set at
run time gives a new context its `gc` function.
*/
function collectGarbageNow(): void {
	if (!collector) {
		v8.setFlagsFromString('--expose-gc');
		collector = vm.runInNewContext('gc') as CollectGarbage;
	}

	collector();
}

/**
`collectGarbageNow` when the heap holds more than `usedMiB`: after a long replay, not after a
fresh start, where the collection cost ~30 ms before the first image and freed nothing worth it.
*/
export function collectGarbageIfOver(usedMiB: number): boolean {
	if (v8.getHeapStatistics().used_heap_size <= usedMiB * 1024 * 1024) return false;
	collectGarbageNow();
	return true;
}

/**
`collectGarbageNow` when more than `externalMiB` lies outside the heap (Buffers, typed arrays): for a
worker thread, whose heap sees so little traffic that V8 rarely collects it, while each job leaves
MBs of file bytes and decoded bands that only a collection frees (README, Performance).
*/
export function collectGarbageIfExternalOver(externalMiB: number): boolean {
	if (v8.getHeapStatistics().external_memory <= externalMiB * 1024 * 1024) return false;
	collectGarbageNow();
	return true;
}
