import assert from 'node:assert/strict';
import test from 'node:test';
import {fileURLToPath} from 'node:url';
import {runNode} from '../helpers/run-as.js';

const runCliModule = fileURLToPath(new URL('../../source/commands/run-cli.js', import.meta.url));

/** Runs runCli in a child with one command `boom` whose run is `body`. */
async function runFailing(body: string, env: Record<string, string> = {}) {
	const script = `
		const {runCli} = await import(${JSON.stringify(runCliModule)});
		await runCli([(cli, choose) => cli.command('boom', 'fails', (c) => choose(c, async () => { ${body} }))], ['node', 'imgsift', 'boom']);
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

test('the chosen command runs once, after the parse, with its own parsed options', async () => {
	const script = `
		const {runCli} = await import(${JSON.stringify(runCliModule)});
		const group = (cli, choose) => cli.command('group <action>', 'a group', (c) =>
			c.command('go', 'runs', (go) => choose(go.option('fast-mode', {type: 'boolean'}), async (argv) => {
				process.stdout.write(JSON.stringify({command: argv._, fastMode: argv.fastMode}) + '\\n');
			})));
		const other = (cli, choose) => cli.command('other', 'never chosen', (c) => choose(c, async () => {
			process.stdout.write('other ran\\n');
		}));
		await runCli([group, other], ['node', 'imgsift', ...process.argv.slice(1)]);
	`;
	const run = await runNode(['--input-type=module', '-e', script, 'group', 'go', '--fast-mode']);
	assert.equal(run.status, 0, run.stderr);
	assert.equal(run.stdout, '{"command":["group","go"],"fastMode":true}\n');

	// A group parses without one of its commands: a usage error, not a silent success.
	const none = await runNode(['--input-type=module', '-e', script, 'group', 'nothing']);
	assert.equal(none.status, 2);
	assert.equal(none.stdout, '');
	assert.equal(
		none.stderr,
		'imgsift: no command to run in: imgsift group nothing\nRun imgsift --help for usage.\n',
	);
});

test('a command named on the line does not render the help text it never shows', async () => {
	// A description yargs reads only to render help: it says so when rendered.
	const script = `
		const {runCli} = await import(${JSON.stringify(runCliModule)});
		const rendered = Object.assign(new String('a flag'), {includes(text) { process.stdout.write('help rendered\\n'); return 'a flag'.includes(text); }});
		const named = (cli, choose) => cli.command(['named <dir>', '$0 <dir>'], 'runs', (c) =>
			choose(c.option('flag', {type: 'boolean', describe: rendered}), async (argv) => {
				process.stdout.write('ran ' + argv.dir + '\\n');
			}));
		await runCli([named], ['node', 'imgsift', ...process.argv.slice(1)]);
	`;
	const run = await runNode(['--input-type=module', '-e', script, 'named', 'photos']);
	assert.equal(run.status, 0, run.stderr);
	assert.equal(run.stdout, 'ran photos\n');
	const help = await runNode(['--input-type=module', '-e', script, 'named', '--help']);
	assert.match(help.stdout, /help rendered/, 'the description is read when help is asked for');
});
