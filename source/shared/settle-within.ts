/**
Waits for `work` at most `limitMs`: true when it settled in time, false when it did not. The timer
holds the process open meanwhile. Without it, a shutdown step awaiting something no handle keeps
alive (a worker let go too early) let the event loop empty, and Node ended the process mid-shutdown:
the journal unclosed, the commit and the summary never done, and nothing said. A rejection of
`work` passes through.
*/
export async function settleWithin(work: Promise<unknown>, limitMs: number): Promise<boolean> {
	let timer: NodeJS.Timeout | undefined;
	const late = new Promise<false>((resolve) => {
		timer = setTimeout(() => resolve(false), limitMs);
	});
	try {
		return await Promise.race([work.then(() => true as const), late]);
	} finally {
		clearTimeout(timer);
	}
}
