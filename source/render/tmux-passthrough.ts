const esc = '\u001B';

/**
 * Wraps one escape sequence so tmux hands it to the outer terminal unchanged (needs tmux's
 * `allow-passthrough on`): `ESC P tmux; <sequence, every ESC doubled> ESC \`.
 */
export function wrapForTmux(sequence: string): string {
	return `${esc}Ptmux;${sequence.replaceAll(esc, esc + esc)}${esc}\\`;
}

/** The inverse of wrapForTmux for one wrapped sequence, or undefined if it is not one. */
export function unwrapTmux(wrapped: string): string | undefined {
	const prefix = `${esc}Ptmux;`;
	const suffix = `${esc}\\`;
	if (!wrapped.startsWith(prefix) || !wrapped.endsWith(suffix)) return undefined;
	return wrapped.slice(prefix.length, -suffix.length).replaceAll(esc + esc, esc);
}

/** How to advise a user whose tmux drops graphics. */
export const enablePassthroughAdvice =
	'tmux is not passing images through: run `tmux set -g allow-passthrough on` (tmux 3.3 or later), or add it to ~/.tmux.conf';
