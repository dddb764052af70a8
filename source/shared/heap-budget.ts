import v8 from 'node:v8';

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

/**
Sets both for the rest of the process. IMGSIFT_HEAP=default leaves V8's own sizing, to measure
the difference.
*/
export function keepHeapSmall(env: NodeJS.ProcessEnv = process.env): boolean {
	if (env['IMGSIFT_HEAP'] === 'default') {
		return false;
	}

	v8.setFlagsFromString('--semi-space-growth-factor=1');
	v8.setFlagsFromString(`--heap-growing-percent=${heapGrowingPercent}`);
	return true;
}
