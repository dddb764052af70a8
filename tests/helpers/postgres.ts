/**
A PostgreSQL server for tests: IMGSIFT_TEST_DATABASE_URL when set, else a throwaway cluster made
with initdb and pg_ctl (as the `postgres` OS user when running as root), on 127.0.0.1 and a free
port, with its socket in a temp folder and fsync off. In CI (CI=true, or IMGSIFT_REQUIRE_POSTGRES=1
as .ci/run sets) no server is a failure, never a skip.
*/
import {execFile} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {existsSync} from 'node:fs';
import {chmod, chown, mkdtemp, readdir, rm, writeFile} from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export type TestPostgres = {
	/** A fresh, empty database on the server, as a URL with its password. */
	newDatabase(): Promise<string>;
	/** Stops and starts the server (throwaway clusters only), keeping port and data. */
	restart(): Promise<void>;
	stop(): Promise<void>;
	start(): Promise<void>;
	/** Ends the server and removes its files. */
	close(): Promise<void>;
	readonly canRestart: boolean;
	readonly password: string;
};

async function findBinDir(): Promise<string | undefined> {
	const given = process.env['PG_BIN'];
	if (given !== undefined && given !== '') {
		return given;
	}

	const versions = await readdir('/usr/lib/postgresql').catch(() => [] as string[]);
	const newest = versions
		.filter((name) => existsSync(path.join('/usr/lib/postgresql', name, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a))[0];
	return newest === undefined ? undefined : path.join('/usr/lib/postgresql', newest, 'bin');
}

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

async function postgresIds(): Promise<{uid: number; gid: number}> {
	const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
	const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
	return {uid, gid};
}

function fromUrl(url: string): TestPostgres {
	let count = 0;
	const password = decodeURIComponent(new URL(url).password);
	const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
		const client = new pg.Client({connectionString: url});
		await client.connect();
		try {
			return await work(client);
		} finally {
			await client.end();
		}
	};

	return {
		async newDatabase() {
			const name = `imgsift_t_${process.pid}_${Date.now()}_${count++}`;
			await admin((client) => client.query(`CREATE DATABASE ${name}`));
			const next = new URL(url);
			next.pathname = `/${name}`;
			return next.toString();
		},
		restart: async () => {
			throw new Error('an external test server cannot be restarted by the tests');
		},
		stop: async () => undefined,
		start: async () => undefined,
		close: async () => undefined,
		canRestart: false,
		password,
	};
}

async function throwaway(): Promise<TestPostgres> {
	const bin = await findBinDir();
	if (bin === undefined) {
		throw new Error(
			'no PostgreSQL binaries found (looked in /usr/lib/postgresql/*/bin; set PG_BIN). Install them: apt-get install postgresql',
		);
	}

	const root = await mkdtemp(path.join(os.tmpdir(), 'imgsift-pg-'));
	const password = randomBytes(12).toString('hex');
	const passwordFile = path.join(root, 'password');
	await writeFile(passwordFile, `${password}\n`);
	const asRoot = process.getuid?.() === 0;
	if (asRoot) {
		const {uid, gid} = await postgresIds();
		await chown(root, uid, gid);
		await chown(passwordFile, uid, gid);
	}

	await chmod(root, 0o700);
	try {
		return await initAndStart(root, bin, asRoot, password, passwordFile);
	} catch (error) {
		await rm(root, {recursive: true, force: true});
		throw error;
	}
}

async function initAndStart(
	root: string,
	bin: string,
	asRoot: boolean,
	password: string,
	passwordFile: string,
): Promise<TestPostgres> {
	const data = path.join(root, 'data');
	const as = (command: string, args: string[]) =>
		asRoot
			? run('runuser', ['-u', 'postgres', '--', path.join(bin, command), ...args])
			: run(path.join(bin, command), args);
	await as('initdb', [
		'-D',
		data,
		'-U',
		'imgsift',
		'--auth-host=scram-sha-256',
		'--auth-local=trust',
		`--pwfile=${passwordFile}`,
		'--no-sync',
	]);
	const port = await freePort();
	const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
	const start = async () => {
		await as('pg_ctl', ['-D', data, '-o', options, '-l', path.join(root, 'log'), '-w', 'start']);
	};

	const stop = async () => {
		await as('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
	};

	await start();
	const base = fromUrl(`postgres://imgsift:${password}@127.0.0.1:${port}/postgres`);
	let running = true;
	return {
		...base,
		canRestart: true,
		async restart() {
			await stop();
			await start();
		},
		async stop() {
			await stop();
			running = false;
		},
		async start() {
			await start();
			running = true;
		},
		async close() {
			if (running) {
				await as('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
			}

			await rm(root, {recursive: true, force: true});
		},
	};
}

/**
The test server, or why there is none (a string: the caller skips with it). In CI this throws
instead, so PostgreSQL tests fail rather than skip there.
*/
export async function startTestPostgres(): Promise<TestPostgres | string> {
	const given = process.env['IMGSIFT_TEST_DATABASE_URL'];
	try {
		return given === undefined || given === '' ? await throwaway() : fromUrl(given);
	} catch (error) {
		const why = `no PostgreSQL server for the tests: ${error instanceof Error ? error.message : String(error)}`;
		if (process.env['CI'] === 'true' || process.env['IMGSIFT_REQUIRE_POSTGRES'] === '1') {
			throw new Error(`${why} (in CI the PostgreSQL tests must run, not skip)`, {cause: error});
		}

		return why;
	}
}
