import {spawn} from 'node:child_process';
import process from 'node:process';
import {cliPath} from './pty-session.js';

/** uid:gid of `nobody` on Debian and most Linux systems. */
const nobody = {uid: 65_534, gid: 65_534};

export type CliUser = {readonly uid: number; readonly gid: number};

export type CliResult = {
	readonly status: number | null;
	readonly stdout: string;
	readonly stderr: string;
};

/** Runs node with `args` as `user` (or as this process's user), collecting its output. */
export async function runNode(
	args: readonly string[],
	options: {
		user?: CliUser | undefined;
		env?: Record<string, string>;
		unsetEnv?: readonly string[];
	} = {},
): Promise<CliResult> {
	const env: NodeJS.ProcessEnv = {...process.env, ...options.env};
	for (const name of options.unsetEnv ?? []) delete env[name];
	const child = spawn(process.execPath, args, {
		env,
		stdio: ['ignore', 'pipe', 'pipe'],
		...options.user,
	});
	let stdout = '';
	let stderr = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
		stdout += chunk;
	});
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
		stderr += chunk;
	});
	const status = await new Promise<number | null>((resolve, reject) => {
		child.on('error', reject);
		child.on('close', resolve);
	});
	return {status, stdout, stderr};
}

/** The built CLI, as `user`. */
export async function runCli(
	args: readonly string[],
	options: {user?: CliUser | undefined; env?: Record<string, string>} = {},
): Promise<CliResult> {
	return runNode([cliPath, ...args], options);
}

/**
Who the CLI must run as for permission bits to mean anything: this process's user, unless that is
root (whom chmod does not stop), then `nobody`. A string says why that is impossible here.
*/
export async function unprivilegedUser(): Promise<{user: CliUser | undefined} | string> {
	if (process.getuid?.() !== 0) {
		return {user: undefined};
	}

	const probe = await runNode(
		['-e', `require('node:fs').accessSync(${JSON.stringify(cliPath)}, 4)`],
		{user: nobody},
	).catch((error: unknown) => ({status: -1, stdout: '', stderr: String(error)}));
	return probe.status === 0
		? {user: nobody}
		: `running as root, and uid ${nobody.uid} cannot run the CLI: ${probe.stderr.trim()}`;
}

/** Whether `user` can create a file in `folder`: proves a read-only folder really refuses. */
export async function canCreateIn(folder: string, user: CliUser | undefined): Promise<boolean> {
	const script = `const fs = require('node:fs'); const p = require('node:path').join(${JSON.stringify(folder)}, '.probe'); fs.writeFileSync(p, ''); fs.unlinkSync(p);`;
	return (await runNode(['-e', script], {user})).status === 0;
}

const regexSpecials = /[.*+?^${}()|[\]\\]/g;

/**
Runs the test named `testName` of `testFile` again in a child process as `nobody`, for tests of
permission bits that root ignores, and asserts that it ran (not skipped) and passed there.
*/
export async function passesAsNobody(testFile: string, testName: string): Promise<void> {
	const found = await unprivilegedUser();
	if (typeof found === 'string' || found.user === undefined) {
		throw new Error(`cannot run as an unprivileged user: ${String(found)}`);
	}

	const pattern = `^${testName.replace(regexSpecials, '\\$&')}$`;
	const result = await runNode(['--test', `--test-name-pattern=${pattern}`, testFile], {
		user: found.user,
		// Set by the parent's test runner: left in place, the child would not run its tests.
		unsetEnv: ['NODE_TEST_CONTEXT'],
	});
	const output = `${result.stdout}\n${result.stderr}`;
	// Ran and passed: its own `ok` line, without a SKIP (tests that do not match are skipped).
	const passedLine = new RegExp(`^ok \\d+ - ${testName.replace(regexSpecials, '\\$&')}$`, 'm');
	if (result.status !== 0 || !passedLine.test(result.stdout) || !/^# fail 0$/m.test(output)) {
		throw new Error(`"${testName}" did not pass as uid ${found.user.uid}:\n${output}`);
	}
}
