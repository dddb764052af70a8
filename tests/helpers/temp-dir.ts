import {mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import type {TestContext} from 'node:test';

/**
Removes a test's folder. A failure (a CLI the test started still writing into it) is reported as a
warning, not thrown: node:test skips a test's later `after` hooks once one throws, and one of
those may be the kill of that CLI, which then held the whole run open.
*/
export async function removeFolder(dir: string): Promise<void> {
	try {
		await rm(dir, {recursive: true, force: true, maxRetries: 5, retryDelay: 50});
	} catch (error) {
		process.emitWarning(`could not remove the test folder ${dir}: ${String(error)}`);
	}
}

/** A fresh folder under the OS temp dir, removed (with everything in it) when the test ends. */
export async function makeTempDir(t: TestContext, prefix = 'imgsift-test-'): Promise<string> {
	const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
	t.after(() => removeFolder(dir));
	return dir;
}
