import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {test} from 'node:test';
import {promisify} from 'node:util';

const run = promisify(execFile);
const loaderUrl = new URL('../../source/ui/load-layout-engine.js', import.meta.url).href;

// A process of its own: the test runner's process may have loaded Node's HTTP client already.
const script = `
const fetchBefore = globalThis.fetch;
const {loadLayoutEngine} = await import(${JSON.stringify(loaderUrl)});
await loadLayoutEngine();
const httpClientLoaded = process.moduleLoadList.some((name) => name.includes('undici'));
const fetchRestored = globalThis.fetch === fetchBefore;
const {default: Yoga} = await import('yoga-layout');
const node = Yoga.Node.create();
node.setWidth(140);
node.setHeight(45);
node.calculateLayout();
const layout = [node.getComputedWidth(), node.getComputedHeight()];
const fetched = await (await fetch('data:,still%20works')).text();
console.log(JSON.stringify({httpClientLoaded, fetchRestored, layout, fetched}));
`;

test('the layout engine loads without Node loading its HTTP client, and fetch is back after', async () => {
	const {stdout} = await run(process.execPath, ['--input-type=module', '-e', script]);
	assert.deepEqual(JSON.parse(stdout), {
		httpClientLoaded: false,
		fetchRestored: true,
		layout: [140, 45],
		fetched: 'still works',
	});
});
