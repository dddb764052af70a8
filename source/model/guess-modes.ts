/** How guesses are made: `--guess`'s choices. Pure, read by the command's options at start-up. */
export const guessModes = ['builtin', 'learn', 'off'] as const;
export type GuessMode = (typeof guessModes)[number];
