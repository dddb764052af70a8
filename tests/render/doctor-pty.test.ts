import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import test from 'node:test';
import xterm from '@xterm/headless';
import pty from 'node-pty';

const doctorModule = new URL('../../source/app/doctor.js', import.meta.url).href;
const script = (flags: string) =>
	`import {runDoctor} from ${JSON.stringify(doctorModule)}; await runDoctor(${flags});`;

test('doctor probes a real terminal emulator (xterm.js over a pty) and explains its choice', async () => {
	const terminal = new xterm.Terminal({cols: 120, rows: 30, allowProposedApi: true});
	const env = {...process.env, TERM: 'xterm-256color'} as Record<string, string>;
	delete env['TMUX'];
	delete env['COLORTERM'];
	const child = pty.spawn(process.execPath, ['--input-type=module', '-e', script('{}')], {
		name: 'xterm-256color',
		cols: 120,
		rows: 30,
		env,
	});
	let output = '';
	child.onData((data) => {
		output += data;
		terminal.write(data);
	});
	// The emulator's replies (DA1 and friends) go back to the program, as a real terminal's do.
	terminal.onData((reply) => child.write(reply));
	const exitCode = await new Promise<number>((resolve) => {
		child.onExit(({exitCode: code}) => resolve(code));
	});
	await new Promise<void>((resolve) => terminal.write('', resolve));
	const buffer = terminal.buffer.active;
	const text = Array.from({length: terminal.rows}, (_, row) =>
		buffer.getLine(row)?.translateToString(true),
	).join('\n');
	assert.ok(output.includes('\u001B[c'), 'DA1 was asked');
	assert.doesNotMatch(text, /tmux;|_G|AAAA/, 'the queries leave nothing on screen');
	assert.equal(exitCode, 0, text);
	assert.match(text, /terminal answered: +yes, in \d+ ms/);
	assert.match(text, /kitty graphics: +no \(no reply before the DA1 reply\)/);
	assert.match(text, /sixel: +no \(DA1 [\d;]+\)/);
	assert.match(text, /images: blocks \(256\): .*no kitty reply/);
	assert.match(text, /TERM=xterm-256color/);
});

test('doctor without a terminal says so and still names a renderer', () => {
	const result = spawnSync(
		process.execPath,
		['--input-type=module', '-e', script('{json: true}')],
		{
			encoding: 'utf8',
			env: {...process.env, TERM: 'dumb', TMUX: ''},
		},
	);
	assert.equal(result.status, 0, result.stderr);
	const report = JSON.parse(result.stdout) as {
		detection: {answered: boolean};
		choice: {kind: string};
	};
	assert.equal(report.detection.answered, false);
	assert.equal(report.choice.kind, 'ascii');
});
