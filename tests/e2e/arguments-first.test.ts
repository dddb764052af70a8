import assert from 'node:assert/strict';
import test from 'node:test';
import {startCli} from '../helpers/pty-session.js';
import {makeTempDir} from '../helpers/temp-dir.js';

/** What the terminal probe writes: kitty graphics query, XTVERSION, cell size, DA1. */
const probeQueries = ['\u001B_Gi=31', '\u001B[>q', '\u001B[16t', '\u001B[c'];

for (const {what, args, message} of [
	{
		what: 'a folder that does not exist',
		args: (dir: string) => [`${dir}/missing`, '--classes', 'photo,screenshot'],
		message: /missing does not exist/,
	},
	{
		what: 'a bad class name',
		args: (dir: string) => [dir, '--classes', 'photo,.hidden'],
		message: /class name "\.hidden" starts with "\."/,
	},
]) {
	test(`${what} is reported at once, before any terminal query`, async (t) => {
		const dir = await makeTempDir(t, 'imgsift-args-');
		const cli = startCli(['label', ...args(dir), '--render', 'auto']);
		const {exitCode} = await cli.exited;
		const output = cli.output();
		assert.equal(exitCode, 1, output);
		assert.match(output, message);
		for (const query of probeQueries) {
			assert.equal(
				output.includes(query),
				false,
				`no ${JSON.stringify(query)} in ${JSON.stringify(output)}`,
			);
		}
	});
}
