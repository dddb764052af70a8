import v8 from 'node:v8';

/**
How far V8's old generation may grow past what its last full collection kept, in percent. V8's
own choice (up to 4×, more the busier the machine) suits a screen that must not pause; a commit
is a batch that holds the folded state of every decision while it makes short-lived objects per
file, and at 100,000 files it let RSS reach several times what was live.
*/
export const batchHeapGrowingPercent = 25;

/**
For a batch command that runs to its end (commit): collect when the heap has grown a quarter past
what was live, instead of letting garbage pile up to V8's default limit. It costs a few more full
collections (tens of ms each at 100k decisions) and keeps the peak RSS near the live size.
Changes a V8 flag for the rest of the process, which V8 reads each time it sets a new limit.
*/
export function collectLikeABatch(): void {
	v8.setFlagsFromString(`--heap-growing-percent=${batchHeapGrowingPercent}`);
}
