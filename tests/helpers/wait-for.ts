import assert from 'node:assert/strict';

/**
Polls `probe` until it returns a value (not undefined) and returns it; fails the test after
`timeoutMs`, naming `what`. For state another process or the database reaches in its own time.
*/
export async function waitFor<T>(
	what: string,
	timeoutMs: number,
	probe: () => Promise<T | undefined>,
	intervalMs = 50,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline) assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, intervalMs));
	}
}
