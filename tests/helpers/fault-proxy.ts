import {createServer, type IncomingMessage, request, type Server} from 'node:http';
import type {Socket} from 'node:net';
import type {TestContext} from 'node:test';

/** What the proxy does with one request: forward it (after `delayMs`), or answer with `status`. */
export type FaultRule = (
	request: IncomingMessage,
) => {readonly status?: number; readonly delayMs?: number} | undefined;

export type FaultProxy = {
	readonly endpoint: string;
	/** Requests seen, by method and path (for assertions on what was asked). */
	readonly seen: string[];
	setRule(rule: FaultRule | undefined): void;
	/** Refuses connections (a lost network) until `start`. */
	stop(): Promise<void>;
	start(): Promise<void>;
	close(): Promise<void>;
};

/**
A few lines of HTTP proxy in front of a real server: it adds latency or answers with an error
(503, 500) for the requests a rule picks, and can stop listening to play a lost network.
*/
export async function startFaultProxy(target: string, t?: TestContext): Promise<FaultProxy> {
	const targetUrl = new URL(target);
	let rule: FaultRule | undefined;
	const seen: string[] = [];
	const sockets = new Set<Socket>();
	let port = 0;
	let server: Server | undefined;
	const handle = (incoming: IncomingMessage, outgoing: import('node:http').ServerResponse) => {
		seen.push(`${incoming.method} ${incoming.url}`);
		const fault = rule?.(incoming);
		const forward = () => {
			if (fault?.status !== undefined) {
				incoming.resume();
				outgoing.writeHead(fault.status, {'content-type': 'application/xml'});
				outgoing.end(
					`<?xml version="1.0" encoding="UTF-8"?><Error><Code>ServiceUnavailable</Code><Message>injected ${fault.status}</Message></Error>`,
				);
				return;
			}

			const upstream = request(
				{
					hostname: targetUrl.hostname,
					port: targetUrl.port,
					method: incoming.method,
					path: incoming.url,
					headers: incoming.headers,
				},
				(response) => {
					outgoing.writeHead(response.statusCode ?? 502, response.headers);
					response.pipe(outgoing);
				},
			);
			upstream.on('error', () => outgoing.destroy());
			incoming.pipe(upstream);
		};

		if (fault?.delayMs) {
			setTimeout(forward, fault.delayMs);
		} else {
			forward();
		}
	};

	const start = async () => {
		const next = createServer(handle);
		next.on('connection', (socket) => {
			sockets.add(socket);
			socket.on('close', () => sockets.delete(socket));
		});
		// Back on the same port: another process's outgoing connection may hold it for a moment
		// (any program on the machine can be given a free port as its local end).
		for (let attempt = 1; ; attempt++) {
			const error = await new Promise<Error | undefined>((resolve) => {
				next.once('error', resolve);
				next.listen(port, '127.0.0.1', () => {
					next.off('error', resolve);
					resolve(undefined);
				});
			});
			if (error === undefined) break;
			if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt === 50) throw error;
			await new Promise((resolve) => setTimeout(resolve, 100));
		}

		const address = next.address();
		port = typeof address === 'object' && address !== null ? address.port : port;
		server = next;
	};

	const stop = async () => {
		const running = server;
		server = undefined;
		for (const socket of sockets) {
			socket.destroy();
		}

		await new Promise<void>((resolve) => (running ? running.close(() => resolve()) : resolve()));
	};

	await start();
	t?.after(stop);
	return {
		endpoint: `http://127.0.0.1:${port}`,
		seen,
		setRule(next) {
			rule = next;
		},
		stop,
		start,
		close: stop,
	};
}
