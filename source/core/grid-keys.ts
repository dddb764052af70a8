import {classKeys, displayKey} from './keymap.js';

/**
The grid view's keys, as data like the single view's keymap: input, the help overlay and the
README read this table. Cell keys are chosen so that none of them is an action key.
*/
export type GridKeyAction =
	| 'accept-page'
	| 'undo-page'
	| 'set-class'
	| 'toggle-view'
	| 'help'
	| 'quit';

export type GridKeyBinding = {
	readonly action: GridKeyAction;
	readonly keys: readonly string[];
	readonly description: string;
};

export const gridKeymap: readonly GridKeyBinding[] = [
	{
		action: 'accept-page',
		keys: ['enter'],
		description:
			"accept the page: unmarked cells get the page's class, cells with a class get theirs, marked cells the other class when there are two (else the queue)",
	},
	{
		action: 'set-class',
		keys: classKeys,
		description: 'after a cell key: give that cell this class directly',
	},
	{
		action: 'undo-page',
		keys: ['u', 'backspace'],
		description: 'take back the last accepted page, all of it (again for the page before)',
	},
	{action: 'toggle-view', keys: ['g'], description: 'switch between grid and single view'},
	{action: 'help', keys: ['?'], description: 'show or hide this help (Esc closes it too)'},
	{
		action: 'quit',
		keys: ['q', 'ctrl+c'],
		description: 'save, commit (unless --no-commit-on-exit) and quit',
	},
];

/**
One key per cell, in reading order (left to right, top to bottom): the home row first, where the
fingers rest, then the rows above and below. Never an action key: a test checks that.
*/
export const cellKeys: readonly string[] = [
	'a',
	's',
	'd',
	'f',
	'h',
	'j',
	'k',
	'l',
	';',
	'w',
	'e',
	'r',
	't',
	'y',
	'i',
	'o',
	'p',
	'z',
	'x',
	'v',
	'b',
	'n',
	'm',
	',',
	'.',
	'/',
];

/** The most cells a page can have: one per cell key. */
export const maxCellsPerPage = cellKeys.length;

type PlainGridAction = Exclude<GridKeyAction, 'set-class'>;

export type GridIntent =
	| {[A in PlainGridAction]: {readonly action: A}}[PlainGridAction]
	| {readonly action: 'set-class'; readonly classIndex: number}
	| {readonly action: 'cell'; readonly cell: number};

const gridBindingByKey = new Map<string, GridKeyBinding>(
	gridKeymap.flatMap((binding) => binding.keys.map((key) => [key, binding] as const)),
);

/** What a normalized key means in the grid, given how many classes and cells there are. */
export function gridIntentForKey(
	key: string,
	classCount: number,
	cellCount: number,
): GridIntent | undefined {
	const cell = cellKeys.indexOf(key);
	if (cell !== -1) {
		return cell < cellCount ? {action: 'cell', cell} : undefined;
	}

	const binding = gridBindingByKey.get(key);
	if (!binding) {
		return undefined;
	}

	if (binding.action === 'set-class') {
		const classIndex = classKeys.indexOf(key as (typeof classKeys)[number]);
		return classIndex < classCount ? {action: 'set-class', classIndex} : undefined;
	}

	return {action: binding.action};
}

/** The grid's key table as Markdown rows, for the README and the help overlay. */
export function gridKeyTableMarkdown(): string {
	const rows = gridKeymap.map((binding) => {
		const keys =
			binding.action === 'set-class'
				? '`1` … `9`'
				: binding.keys.map((key) => `\`${displayKey(key)}\``).join(', ');
		return `| ${keys} | ${binding.action} | ${binding.description} |`;
	});
	const cells = `| ${cellKeys.map((key) => `\`${key}\``).join(' ')} | cell | mark that cell wrong (again: unmark), in reading order |`;
	return ['| keys | action | what it does |', '| --- | --- | --- |', cells, ...rows].join('\n');
}
