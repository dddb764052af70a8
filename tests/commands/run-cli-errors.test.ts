import assert from 'node:assert/strict';
import test from 'node:test';
import {fileURLToPath} from 'node:url';
import {runNode} from '../helpers/run-as.js';

const runCliModule = fileURLToPath(new URL('../../source/commands/run-cli.js', import.meta.url));

/** Runs runCli in a child with one command `boom` whose handler runs `body`. */
async function runFailing(body: string, env: Record<string, string> = {}) {
	const script = `
		const {runCli} = await import(${JSON.stringify(runCliModule)});
		await runCli([(cli) => cli.command('boom', 'fails', (c) => c, async () => { ${body} })], ['node', 'imgsift', 'boom']);
	`;
	return runNode(['--input-type=module', '-e', script], {env});
}

test('a full disk anywhere in a command is one line on stderr with what to do, exit 1', async () => {
	const run = await runFailing(
		"throw Object.assign(new Error('ENOSPC: no space left on device, write'), {code: 'ENOSPC'});",
	);
	assert.equal(run.status, 1);
	assert.equal(
		run.stderr,
		'imgsift: stopped: ENOSPC: no space left on device, write. disk full: free space, then run the command again.\n',
	);
});

test('an unexpected error is one line, no stack trace; IMGSIFT_DEBUG=1 shows the stack', async () => {
	const body = "throw new Error('something \\u001b[31mbroke');";
	const run = await runFailing(body);
	assert.equal(run.status, 1);
	assert.equal(
		run.stderr,
		'imgsift: stopped: something \\x1b[31mbroke. This is a bug: run again with IMGSIFT_DEBUG=1 for details, and report it.\n',
	);
	const debug = await runFailing(body, {IMGSIFT_DEBUG: '1'});
	assert.match(debug.stderr, /\n\s+at /);
});

test('an error outside the command promise (a timer) is one line too', async () => {
	const run = await runFailing(
		"setTimeout(() => { throw new Error('late'); }, 1); await new Promise((r) => setTimeout(r, 200));",
	);
	assert.equal(run.status, 1);
	assert.match(run.stderr, /^imgsift: stopped: late\. This is a bug/);
	assert.doesNotMatch(run.stderr, /\n\s+at /);
});
