import {mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type {TestContext} from 'node:test';

/** A fresh folder under the OS temp dir, removed (with everything in it) when the test ends. */
export async function makeTempDir(t: TestContext, prefix = 'imgsift-test-'): Promise<string> {
	const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
	t.after(() => rm(dir, {recursive: true, force: true}));
	return dir;
}
