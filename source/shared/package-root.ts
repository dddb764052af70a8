import {existsSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

/**
The folder imgsift is installed in: the nearest one above `moduleUrl` with a package.json. Found
by looking, not by a fixed number of `..`: a module sits at a different depth in the bundle
(`dist/cli.js`, `dist/chunk-….js`) than in the test build (`build/source/app/demo.js`).
*/
export function packageRootOf(moduleUrl: string): string {
	const start = path.dirname(fileURLToPath(moduleUrl));
	for (let dir = start; ; dir = path.dirname(dir)) {
		if (existsSync(path.join(dir, 'package.json'))) {
			return dir;
		}

		if (path.dirname(dir) === dir) {
			return start;
		}
	}
}
