import type {LabelSnapshot} from '../session/screen-contract.js';
import {escapeControl} from '../shared/escape.js';
import {hygieneLines} from './panels/hygiene-panel.js';

/** How much air the side panel can afford: blank lines between sections, then headings too. */
export type PanelSpacing = 'tight' | 'gaps' | 'headings';

/** Path lines before the middle of a long path is cut, by spacing. */
export function pathRowsFor(spacing: PanelSpacing): number {
	return spacing === 'headings' ? 3 : 2;
}

function wrappedRows(text: string, width: number): number {
	return text
		.split('\n')
		.reduce((rows, line) => rows + Math.max(1, Math.ceil(Array.from(line).length / width)), 0);
}

function guessStatsRows({guessStats}: LabelSnapshot): number {
	if (!guessStats) {
		return 0;
	}

	const figures = guessStats.compared > 0 || guessStats.keysPerImage !== undefined ? 1 : 0;
	return figures + (guessStats.summary ? 1 : 0);
}

/** Rows the panel's content takes with no spacing; estimates wrapped text by code points. */
function tightRows(snapshot: LabelSnapshot, width: number, pathRows: number): number {
	const {guess, item, message, phase} = snapshot;
	const guessRows =
		(guess.status === 'off'
			? 1 + (guess.hint ? wrappedRows(guess.hint, width) : 0)
			: guess.status === 'ready'
				? 2
				: guess.status === 'unavailable'
					? wrappedRows(`no guess: ${guess.reason}`, width)
					: 1) + guessStatsRows(snapshot);
	const progressRows = phase === 'committing' || phase === 'quitting' ? 4 : 3;
	const messageRows = message ? wrappedRows(message.text, width) : 0;
	const fileRows = item
		? Math.min(pathRows, wrappedRows(escapeControl(item.path), width)) +
			1 +
			(item.decidedLabel === undefined ? 0 : 1)
		: 1;
	const hygieneRows = hygieneLines(snapshot.hygiene).reduce(
		(rows, line) => rows + wrappedRows(line, width),
		0,
	);
	return guessRows + hygieneRows + snapshot.classes.length + progressRows + messageRows + fileRows;
}

/** The most generous spacing whose rows fit in `height`. */
export function panelSpacing(snapshot: LabelSnapshot, width: number, height: number): PanelSpacing {
	const sections = (snapshot.message ? 5 : 4) + (hygieneLines(snapshot.hygiene).length > 0 ? 1 : 0);
	const headings = 3;
	if (tightRows(snapshot, width, pathRowsFor('headings')) + sections + headings <= height) {
		return 'headings';
	}

	return tightRows(snapshot, width, pathRowsFor('gaps')) + sections <= height ? 'gaps' : 'tight';
}
