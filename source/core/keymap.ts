/**
The one keymap table. Input handling, the help screen and the README's key table all read it,
so a key cannot work without being documented, or be documented without working.
*/
export type KeyAction =
	| 'decide'
	| 'accept-guess'
	| 'accept-near'
	| 'agree-copies'
	| 'undo'
	| 'skip'
	| 'commit'
	| 'toggle-view'
	| 'help'
	| 'quit';

export type KeyBinding = {
	readonly action: KeyAction;
	/** Normalized key names: a printable character, or enter, space, backspace, escape, ctrl+c. */
	readonly keys: readonly string[];
	readonly description: string;
};

export const classKeys = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

export const keymap: readonly KeyBinding[] = [
	{
		action: 'decide',
		keys: classKeys,
		description: 'label the image with that class and show the next one',
	},
	{action: 'accept-guess', keys: ['enter', 'space'], description: "accept the model's guess"},
	{
		action: 'accept-near',
		keys: ['a'],
		description: 'give a near copy the label of the decided image it resembles (shown beside it)',
	},
	{
		action: 'agree-copies',
		keys: ['='],
		description: "make the image just decided agree with its exact copy's label (shown beside it)",
	},
	{
		action: 'undo',
		keys: ['u', 'backspace'],
		description: 'undo the last decision or skip, again and again (moved files come back)',
	},
	{action: 'skip', keys: ['s'], description: 'skip for now; skipped images come back at the end'},
	{action: 'commit', keys: ['c'], description: 'move decided files into their class folders now'},
	{
		action: 'toggle-view',
		keys: ['g'],
		description: "switch to the grid: a page of the model's guesses to check at a glance",
	},
	{action: 'help', keys: ['?'], description: 'show or hide this help (Esc closes it too)'},
	{
		action: 'quit',
		keys: ['q', 'ctrl+c'],
		description: 'save, commit (unless --no-commit-on-exit) and quit',
	},
];

export type KeyIntent =
	| {readonly action: Exclude<KeyAction, 'decide'>}
	| {readonly action: 'decide'; readonly classIndex: number};

const bindingByKey = new Map<string, KeyBinding>(
	keymap.flatMap((binding) => binding.keys.map((key) => [key, binding] as const)),
);

/** What a normalized key means, given how many classes there are. */
export function intentForKey(key: string, classCount: number): KeyIntent | undefined {
	const binding = bindingByKey.get(key);
	if (!binding) {
		return undefined;
	}

	if (binding.action === 'decide') {
		const classIndex = classKeys.indexOf(key as (typeof classKeys)[number]);
		return classIndex < classCount ? {action: 'decide', classIndex} : undefined;
	}

	return {action: binding.action};
}

/** How a key name is shown to people: in help, the legend and the README. */
export function displayKey(key: string): string {
	const names: Record<string, string> = {
		enter: 'Enter',
		space: 'Space',
		backspace: 'Backspace',
		escape: 'Esc',
		'ctrl+c': 'Ctrl-C',
	};
	return names[key] ?? key;
}

/** The key table as Markdown, for the README (a test keeps the README in step with this). */
export function keyTableMarkdown(): string {
	const rows = keymap.map((binding) => {
		const keys =
			binding.action === 'decide'
				? '`1` … `9`'
				: binding.keys.map((key) => `\`${displayKey(key)}\``).join(', ');
		return `| ${keys} | ${binding.action} | ${binding.description} |`;
	});
	return ['| keys | action | what it does |', '| --- | --- | --- |', ...rows].join('\n');
}
