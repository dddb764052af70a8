import {useStdout} from 'ink';
import {useEffect, useState} from 'react';
import {fallbackTerminal, type TerminalSize} from './layout.js';

export type MeasuredTerminal = TerminalSize & {
	/** Counts resize events, so listeners can react to a resize that kept the same size. */
	readonly resizes: number;
};

function measure(stdout: NodeJS.WriteStream): TerminalSize {
	return {
		columns: stdout.columns || fallbackTerminal.columns,
		rows: stdout.rows || fallbackTerminal.rows,
	};
}

/** The terminal's size, updated on every 'resize' of the stdout Ink renders to. */
export function useTerminalSize(): MeasuredTerminal {
	const {stdout} = useStdout();
	const [size, setSize] = useState<MeasuredTerminal>(() => ({...measure(stdout), resizes: 0}));

	useEffect(() => {
		const onResize = () => {
			setSize((previous) => ({...measure(stdout), resizes: previous.resizes + 1}));
		};

		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout]);

	return size;
}
