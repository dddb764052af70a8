import {Box, Text, useApp} from 'ink';
import {useCallback, useEffect, useReducer, useRef, useState} from 'react';
import {escapeControl} from '../../shared/escape.js';
import {useWatchInput} from './use-watch-input.js';
import {initialWatchState, watchReducer} from './watch-state.js';

export type StatusWatchProps = {
	/** Reads the status afresh and returns its lines (already escaped for the terminal). */
	readonly load: () => Promise<readonly string[]>;
	readonly intervalMs: number;
	/** The clock, so tests can give a fixed time. */
	readonly now?: () => Date;
};

/** `imgsift status DIR --watch`: the status, read again every few seconds, until q. */
export function StatusWatch({load, intervalMs, now = () => new Date()}: StatusWatchProps) {
	const [state, dispatch] = useReducer(watchReducer, initialWatchState);
	const {exit} = useApp();
	const busy = useRef(false);
	// A big folder takes a while to read: wait at least three reads' time between reads.
	const [delayMs, setDelayMs] = useState(intervalMs);
	const refresh = useCallback(async () => {
		if (busy.current) {
			return;
		}

		busy.current = true;
		const started = Date.now();
		try {
			const lines = await load();
			dispatch({type: 'refreshed', lines, at: now().toISOString()});
		} catch (error) {
			dispatch({
				type: 'refresh-failed',
				message: error instanceof Error ? error.message : String(error),
			});
		} finally {
			busy.current = false;
			setDelayMs(Math.max(intervalMs, 3 * (Date.now() - started)));
		}
	}, [load, now, intervalMs]);

	useEffect(() => {
		void refresh();
	}, [refresh]);

	useEffect(() => {
		const timer = setInterval(() => void refresh(), delayMs);
		return () => clearInterval(timer);
	}, [refresh, delayMs]);

	useEffect(() => {
		if (state.quitting) {
			exit();
		}
	}, [state.quitting, exit]);

	useWatchInput({onQuit: () => dispatch({type: 'quit'}), onRefresh: () => void refresh()});
	const asOf = state.readAt === undefined ? 'reading…' : `as of ${state.readAt.slice(11, 19)} UTC`;
	return (
		<Box flexDirection="column">
			{state.lines.map((line, index) => (
				// Lines have no identity beyond their place; the list is replaced whole on each refresh.
				// biome-ignore lint/suspicious/noArrayIndexKey: see above
				<Text key={index}>{line}</Text>
			))}
			{state.error === undefined ? null : (
				<Text color="red">could not refresh: {escapeControl(state.error)}</Text>
			)}
			<Text dimColor>
				{asOf}, every {Math.round(delayMs / 1000)} s · r refresh · q quit
			</Text>
		</Box>
	);
}
