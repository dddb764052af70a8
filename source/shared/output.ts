import process from 'node:process';

type Output = Pick<NodeJS.WritableStream, 'write' | 'on' | 'off'> & {readonly destroyed?: boolean};

/**
Writes `text`, then waits while the stream's buffer is full: Node queues a pipe's writes in
memory, so a fast writer to a slow reader (`| jq`) would otherwise hold its whole output.
Resolves at once once the stream is gone (the reader closed it).
*/
export async function writeWithBackpressure(stream: Output, text: string): Promise<void> {
	if (stream.destroyed === true || stream.write(text)) {
		return;
	}

	await new Promise<void>((resolve) => {
		const done = () => {
			stream.off('drain', done);
			stream.off('close', done);
			stream.off('error', done);
			resolve();
		};

		stream.on('drain', done);
		stream.on('close', done);
		stream.on('error', done);
	});
}

/**
A reader that stops early (`imgsift check --json | head`) closes the pipe: the rest of the output
is not wanted, which is no reason to crash with a stack trace or to skip clean-up (the lock, the
journal). Other stdout errors stay fatal.
*/
export function ignoreClosedStdout(): void {
	process.stdout.on('error', (error: NodeJS.ErrnoException) => {
		if (error.code !== 'EPIPE') {
			throw error;
		}
	});
}
