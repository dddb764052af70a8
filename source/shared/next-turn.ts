/**
Runs `work` once at the start of the next turn of the event loop, however often the returned
function is called before then: for work that must not hold up what this turn writes.
*/
export function onceNextTurn(work: () => void): () => void {
	let queued = false;
	return () => {
		if (queued) {
			return;
		}

		queued = true;
		setImmediate(() => {
			queued = false;
			work();
		});
	};
}

/** Runs `work` once after this turn's synchronous code, however often it is asked for meanwhile. */
export function onceAfterThisTask(work: () => void): () => void {
	let queued = false;
	return () => {
		if (!queued) {
			queued = true;
			queueMicrotask(() => {
				queued = false;
				work();
			});
		}
	};
}
