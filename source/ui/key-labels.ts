import {displayKey, type KeyAction, keymap} from '../core/keymap.js';

/** ["1", …, "9"] -> "1–9"; ["u", "backspace"] -> "u / Backspace". */
export function formatKeys(keys: readonly string[]): string {
	const digits = keys.map(Number);
	const isDigitRun =
		keys.length > 2 &&
		keys.every((key) => /^\d$/.test(key)) &&
		digits.every((digit, index) => index === 0 || digit === (digits[index - 1] ?? 0) + 1);
	if (isDigitRun) {
		return `${keys[0]}–${keys.at(-1)}`;
	}

	return keys.map((key) => displayKey(key)).join(' / ');
}

/** The keys bound to an action, as shown in hints ("u / Backspace"). */
export function keysFor(action: KeyAction): string {
	return formatKeys(keymap.find((binding) => binding.action === action)?.keys ?? []);
}
