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
	options: {user?: CliUser | undefined; env?: Record<string, string>} = {},
): Promise<CliResult> {
	const child = spawn(process.execPath, args, {
		env: {...process.env, ...options.env},
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
