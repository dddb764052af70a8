import assert from 'node:assert/strict';
import {copyFile, mkdir, writeFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {startPtyClient} from '../helpers/pty-client.js';
import {shellQuote} from '../helpers/sshd.js';
import {makeTempDir} from '../helpers/temp-dir.js';
import {startTmux} from '../helpers/tmux-session.js';

const doctorModule = new URL('../../source/app/doctor.js', import.meta.url).href;
const kittyQuery = /\u001B_Gi=31,[^;]*a=q[^;]*;AAAA\u001B\\/;

/**
 * `imgsift doctor` inside a real tmux whose client runs in a (pretend) kitty: TERM=xterm-kitty
 * for the client, and the client pty answers kitty graphics queries as kitty does.
 */
async function doctorInTmux(
	t: test.TestContext,
	passthrough: 'on' | 'off',
): Promise<{pane: string; clientOutput: string}> {
	const work = await makeTempDir(t, 'imgsift-doctor-');
	// tmux needs a terminfo entry for the client's TERM; xterm's serves for the pretend kitty.
	const terminfo = path.join(work, 'terminfo');
	await mkdir(path.join(terminfo, 'x'), {recursive: true});
	await copyFile('/lib/terminfo/x/xterm-256color', path.join(terminfo, 'x', 'xterm-kitty')).catch(
		async () =>
			copyFile('/usr/share/terminfo/x/xterm-256color', path.join(terminfo, 'x', 'xterm-kitty')),
	);
	const go = path.join(work, 'go');
	const script = `import {runDoctor} from ${JSON.stringify(doctorModule)}; await runDoctor({});`;
	const run = [process.execPath, '--input-type=module', '-e', script].map(shellQuote).join(' ');
	const command = `while [ ! -e ${go} ]; do sleep 0.05; done; ${run}; echo '[doctor done]'; sleep 3600`;
	const tmux = await startTmux(t, work, command, {
		options: [`set -g allow-passthrough ${passthrough}`],
	});
	const client = startPtyClient(t, 'tmux', ['-S', tmux.socket, 'attach'], {
		env: {TERM: 'xterm-kitty', TERMINFO: terminfo},
		name: 'xterm-kitty',
		answer: (raw) => (kittyQuery.test(raw) ? '\u001B_Gi=31;OK\u001B\\' : undefined),
	});
	await client.waitFor((raw) => raw.length > 0, 'the tmux client to draw');
	await writeFile(go, '');
	const pane = await tmux.waitFor((text) => text.includes('[doctor done]'), 'doctor to finish');
	return {pane, clientOutput: client.output()};
}

test('doctor in tmux with allow-passthrough off: names the outer kitty, falls back to blocks, says how to fix', async (t) => {
	const {pane, clientOutput} = await doctorInTmux(t, 'off');
	assert.ok(!kittyQuery.test(clientOutput), 'tmux dropped the wrapped query');
	assert.match(pane, /inside tmux: +yes, allow-passthrough off, outer terminal xterm-kitty/);
	assert.match(pane, /images: blocks/);
	assert.match(pane, /to do: .*tmux set -g allow-passthrough on/);
});

test('doctor in tmux with allow-passthrough on picks kitty with Unicode placeholders', async (t) => {
	const {pane, clientOutput} = await doctorInTmux(t, 'on');
	assert.match(pane, /allow-passthrough on, outer terminal xterm-kitty/);
	assert.match(pane, /images: kitty: .*Unicode placeholders/);
	// The wrapped query reached the outer terminal; tmux does not hand the reply back to the pane,
	// so inside tmux the client's TERM is what names kitty.
	assert.ok(kittyQuery.test(clientOutput), 'the kitty query passed through tmux');
});
