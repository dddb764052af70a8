import {readFile, writeFile} from 'node:fs/promises';
import path from 'node:path';
import type {TestContext} from 'node:test';
import {pathToFileURL} from 'node:url';
import {makeTempDir} from './temp-dir.js';

// Notes each module the loader loads: an npm package by name, a file of imgsift's bundle as `dist`.
const hookSource = `
import {appendFileSync} from 'node:fs';
export async function load(url, context, next) {
	const name = /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(url)?.[1] ?? (/\\/dist\\/[^/]+\\.js$/.test(url) ? 'dist' : undefined);
	if (name) appendFileSync(process.env.IMGSIFT_TEST_PACKAGES, name + '\\n');
	return next(url, context);
}`;

// Native addons (sharp's libvips binding) load through process.dlopen, not the module loader; at
// exit, whether Node's own HTTP client (undici) was loaded.
const noteNativeSource = (listFile: string) => `
import {appendFileSync} from 'node:fs';
const note = (name) => appendFileSync(${JSON.stringify(listFile)}, name + '\\n');
const dlopen = process.dlopen;
process.dlopen = function (module, filename, ...rest) {
	note('native:' + (/node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(String(filename))?.[1] ?? filename));
	return dlopen.call(this, module, filename, ...rest);
};
process.on('exit', () => {
	if (process.moduleLoadList.some((name) => name.includes('undici'))) note('node:undici');
});`;

export type LoadedModules = {
	/** Environment for the child: NODE_OPTIONS with the hooks, and where they write. */
	readonly env: Record<string, string>;
	/** What the child loaded: package names, `dist`, `native:<package>`, `node:undici`. */
	loaded(): Promise<Set<string>>;
};

/** Hooks that make a child imgsift process write down what it loads. Removed after the test. */
export async function watchLoadedModules(t: TestContext): Promise<LoadedModules> {
	const hooks = await makeTempDir(t, 'imgsift-hooks-');
	const hookFile = path.join(hooks, 'hook.mjs');
	const registerFile = path.join(hooks, 'register.mjs');
	const listFile = path.join(hooks, 'loaded.txt');
	await writeFile(hookFile, hookSource);
	await writeFile(listFile, '');
	await writeFile(
		registerFile,
		`import {register} from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hookFile).href)});\n${noteNativeSource(listFile)}\n`,
	);
	return {
		env: {
			NODE_OPTIONS: `--import ${pathToFileURL(registerFile).href}`,
			IMGSIFT_TEST_PACKAGES: listFile,
		},
		async loaded() {
			return new Set((await readFile(listFile, 'utf8')).split('\n').filter(Boolean));
		},
	};
}
