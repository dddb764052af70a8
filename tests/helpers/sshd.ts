import {type ChildProcess, execFile, spawn} from 'node:child_process';
import {existsSync} from 'node:fs';
import {mkdir, writeFile} from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type {TestContext} from 'node:test';
import {promisify} from 'node:util';

const run = promisify(execFile);
export const sshdPath = '/usr/sbin/sshd';

/** Quotes one word for a POSIX shell. */
export function shellQuote(word: string): string {
	return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}

/** Why an sshd test cannot run here, or undefined when it can. */
export function sshdMissing(): string | undefined {
	if (!existsSync(sshdPath)) {
		return `${sshdPath} is absent: install openssh-server (apt-get install openssh-server) to run this test`;
	}
	return undefined;
}

async function freeLoopbackPort(): Promise<number> {
	const server = net.createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	await new Promise<void>((resolve) => server.close(() => resolve()));
	if (address === null || typeof address === 'string') throw new Error('no loopback port');
	return address.port;
}

export type Sshd = {
	readonly port: number;
	/** The local shell command that runs `remote` on this sshd through ssh with a pty. */
	sshCommand(remote: string): string;
};

function waitForListening(child: ChildProcess, log: () => string): Promise<void> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(
			() => reject(new Error(`sshd did not start listening within 10 s; its log:\n${log()}`)),
			10_000,
		);
		child.stderr?.on('data', () => {
			if (log().includes('Server listening on')) {
				clearTimeout(timer);
				resolve();
			}
		});
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`sshd exited with ${code} before listening; its log:\n${log()}`));
		});
	});
}

/**
 * Starts a private sshd on a free loopback port, with its own host key and one authorized client
 * key for the current user, all inside `dir`. It is stopped when the test ends.
 */
export async function startSshd(t: TestContext, dir: string): Promise<Sshd> {
	const hostKey = path.join(dir, 'host_key');
	const clientKey = path.join(dir, 'client_key');
	await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', hostKey]);
	await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', clientKey]);
	const authorizedKeys = path.join(dir, 'authorized_keys');
	await run('cp', [`${clientKey}.pub`, authorizedKeys]);
	const port = await freeLoopbackPort();
	const config = path.join(dir, 'sshd_config');
	await writeFile(
		config,
		[
			`Port ${port}`,
			'ListenAddress 127.0.0.1',
			`HostKey ${hostKey}`,
			`AuthorizedKeysFile ${authorizedKeys}`,
			'PermitRootLogin prohibit-password',
			'PasswordAuthentication no',
			'KbdInteractiveAuthentication no',
			'UsePAM no',
			'StrictModes no',
			'PidFile none',
			'',
		].join('\n'),
	);
	// sshd refuses to start as root without its privilege separation folder (absent in containers).
	if (os.userInfo().uid === 0) await mkdir('/run/sshd', {recursive: true, mode: 0o755});
	const child = spawn(sshdPath, ['-D', '-e', '-f', config], {stdio: ['ignore', 'ignore', 'pipe']});
	let log = '';
	child.stderr.on('data', (chunk: Buffer) => {
		log += chunk.toString();
	});
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	t.after(async () => {
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
		await exited;
	});
	await waitForListening(child, () => log);
	const options = [
		'-F',
		'/dev/null',
		'-p',
		String(port),
		'-i',
		clientKey,
		'-o',
		'StrictHostKeyChecking=no',
		'-o',
		'UserKnownHostsFile=/dev/null',
		'-o',
		'BatchMode=yes',
		'-o',
		'LogLevel=ERROR',
		'-t',
	];
	return {
		port,
		sshCommand: (remote) => ['ssh', ...options, '127.0.0.1', remote].map(shellQuote).join(' '),
	};
}
