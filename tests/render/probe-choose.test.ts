import assert from 'node:assert/strict';
import test from 'node:test';
import {
	chooseRenderer,
	createRenderer,
	describeChoice,
	type RenderRequest,
} from '../../source/render/choose.js';
import type {Detection} from '../../source/render/probe.js';
import {
	hasDeviceAttributes,
	parseProbeReplies,
	probeQueries,
} from '../../source/render/probe-replies.js';

const kittyOk = '\u001B_Gi=31;OK\u001B\\';
const da1Sixel = '\u001B[?62;4;22c';
const da1Plain = '\u001B[?62;22c';
const auto: RenderRequest = {render: 'auto', colors: 'auto', lowBandwidth: false};

test('canned replies: kitty, XTVERSION, cell size, DA1 with sixel', () => {
	const text = `${kittyOk}\u001BP>|kitty(0.35.2)\u001B\\\u001B[6;20;10t\u001B[4;800;1000t${da1Sixel}`;
	assert.equal(hasDeviceAttributes(text), true);
	assert.deepEqual(parseProbeReplies(text), {
		kitty: true,
		deviceAttributes: [62, 4, 22],
		version: 'kitty(0.35.2)',
		windowPixels: {width: 1000, height: 800},
		cellPixels: {width: 10, height: 20},
	});
});

test('no kitty reply before DA1 means no kitty; cell size falls back to the text area', () => {
	const replies = parseProbeReplies(`\u001B[4;600;800t${da1Plain}`, {columns: 80, rows: 30});
	assert.equal(replies.kitty, false);
	assert.deepEqual(replies.cellPixels, {width: 10, height: 20});
	assert.equal(parseProbeReplies('\u001B_Gi=31;ENOTSUPPORTED:no\u001B\\').kitty, false);
	assert.equal(hasDeviceAttributes('\u001B[6;20;10t'), false);
});

test('the kitty query goes plain and wrapped for tmux passthrough, and DA1 comes last', () => {
	const queries = probeQueries();
	assert.ok(queries.startsWith('\u001B_G'));
	assert.ok(queries.includes('\u001BPtmux;\u001B\u001B_G'));
	assert.ok(queries.endsWith('\u001B[c'));
});

test('over ssh inside tmux (no TMUX variable) XTVERSION gives tmux away', () => {
	const text = `\u001BP>|tmux 3.3a\u001B\\${da1Plain}`;
	const guessed = chooseRenderer(detection(text), {TERM: 'screen'}, auto);
	assert.deepEqual([guessed.kind, guessed.insideTmux], ['blocks', true]);
	const chosen = chooseRenderer(detection(text), {TERM: 'screen'}, {...auto, render: 'kitty'});
	assert.deepEqual([chosen.kind, chosen.insideTmux], ['kitty', true], 'asked for by name');
	const through = chooseRenderer(detection(kittyOk + text), {TERM: 'screen'}, auto);
	assert.deepEqual([through.kind, through.insideTmux], ['kitty', true]);
});

const detection = (text: string, extra: Partial<Detection> = {}): Detection => ({
	replies: parseProbeReplies(text),
	answered: hasDeviceAttributes(text),
	...extra,
});

test('auto picks kitty, then iTerm2, then sixel, then blocks', () => {
	const env = {TERM: 'xterm-256color'};
	assert.equal(chooseRenderer(detection(kittyOk + da1Sixel), env, auto).kind, 'kitty');
	const iterm = detection(`\u001BP>|iTerm2 3.5.0\u001B\\${da1Sixel}`);
	const wezterm = detection(`${kittyOk}\u001BP>|WezTerm 20240203\u001B\\${da1Sixel}`);
	assert.equal(
		chooseRenderer(wezterm, env, auto).kind,
		'iterm',
		'WezTerm has no kitty placeholders',
	);
	assert.equal(chooseRenderer(iterm, env, auto).kind, 'iterm');
	assert.equal(chooseRenderer(detection(da1Sixel), env, auto).kind, 'sixel');
	const blocks = chooseRenderer(detection(da1Plain), env, auto);
	assert.equal(blocks.kind, 'blocks');
	assert.equal(blocks.colors, '256');
	assert.match(describeChoice(blocks), /no kitty reply/);
});

test('TERM_PROGRAM is only a hint: over ssh LC_TERMINAL still names iTerm2', () => {
	const env = {TERM: 'xterm-256color', LC_TERMINAL: 'iTerm2'};
	assert.equal(chooseRenderer(detection(da1Plain), env, auto).kind, 'iterm');
});

test('inside tmux: kitty by the outer terminal when passthrough is on; otherwise blocks and advice', () => {
	const env = {TERM: 'tmux-256color', TMUX: '/tmp/tmux-0/default,1,0'};
	const on = detection(da1Plain, {tmux: {passthrough: 'on', outerTerm: 'xterm-kitty'}});
	const chosen = chooseRenderer(on, env, auto);
	assert.deepEqual([chosen.kind, chosen.insideTmux], ['kitty', true]);
	assert.match(chosen.reasons.join(' '), /placeholders/);
	const off = detection(da1Plain, {tmux: {passthrough: 'off', outerTerm: 'xterm-kitty'}});
	const fallback = chooseRenderer(off, env, auto);
	assert.equal(fallback.kind, 'blocks');
	assert.match(fallback.advice ?? '', /set -g allow-passthrough on/);
	const asked = chooseRenderer(off, env, {...auto, render: 'kitty'});
	assert.equal(asked.kind, 'blocks');
	const iterm = detection(da1Plain, {tmux: {passthrough: 'on', outerTerm: 'xterm-256color'}});
	assert.equal(chooseRenderer(iterm, {...env, LC_TERMINAL: 'iTerm2'}, auto).kind, 'blocks');
});

test('flags win: --render, --colors, --low-bandwidth; TERM=dumb gets ascii', () => {
	const kitty = detection(kittyOk + da1Plain);
	const env = {TERM: 'xterm-256color', COLORTERM: 'truecolor'};
	assert.equal(chooseRenderer(kitty, env, {...auto, render: 'sixel'}).kind, 'sixel');
	const cheap = chooseRenderer(kitty, env, {...auto, lowBandwidth: true});
	assert.deepEqual([cheap.kind, cheap.colors], ['blocks', '256']);
	assert.equal(chooseRenderer(kitty, env, {...auto, colors: '16'}).colors, '16');
	const sextants = chooseRenderer(kitty, env, {...auto, render: 'blocks', symbols: 'sextant'});
	assert.equal(createRenderer(sextants).name, 'sextants-truecolor');
	assert.match(describeChoice(sextants), /blocks \(truecolor, sextants\)/);
	const half = chooseRenderer(kitty, env, {...auto, render: 'blocks'});
	assert.equal(createRenderer(half).name, 'blocks-truecolor');
	assert.equal(chooseRenderer(kitty, env, auto).colors, 'truecolor');
	assert.equal(chooseRenderer(detection(''), {TERM: 'dumb'}, auto).kind, 'ascii');
	assert.equal(chooseRenderer(detection(da1Plain), {TERM: 'linux'}, auto).colors, '16');
});

test('a slow round trip only adds advice to heavy renderers', () => {
	const env = {TERM: 'xterm-256color'};
	const slow = {...detection(kittyOk + da1Plain), roundTripMs: 400};
	const kitty = chooseRenderer(slow, env, auto);
	assert.equal(kitty.kind, 'kitty');
	assert.match(kitty.advice ?? '', /400 ms.*--low-bandwidth/);
	assert.equal(chooseRenderer({...slow, replies: {kitty: false}}, env, auto).advice, undefined);
});
