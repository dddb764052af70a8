import {inflateSync} from 'node:zlib';

export type KittyCommand = {keys: Record<string, string>; payload: string};

const tmuxWrapped = /\u001BPtmux;((?:[^\u001B]|\u001B\u001B)*)\u001B\\/g;
const apcGraphics = /\u001B_G([^;\u001B]*)(?:;([^\u001B]*))?\u001B\\/g;

/** Undoes tmux passthrough wrapping wherever it occurs, as tmux does before the outer terminal. */
export function unwrapAllTmux(bytes: string): string {
	return bytes.replace(tmuxWrapped, (_, inner: string) =>
		inner.replaceAll('\u001B\u001B', '\u001B'),
	);
}

/** Every kitty graphics command in `bytes`, in order, keys parsed. */
export function parseKittyCommands(bytes: string): KittyCommand[] {
	const commands: KittyCommand[] = [];
	for (const match of bytes.matchAll(apcGraphics)) {
		const keys: Record<string, string> = {};
		for (const pair of (match[1] ?? '').split(',')) {
			const [key, value] = pair.split('=');
			if (key) keys[key] = value ?? '';
		}
		commands.push({keys, payload: match[2] ?? ''});
	}
	return commands;
}

export type KittyImage = {id: number; width: number; height: number; rgb: Uint8Array};

/** Reassembles chunked direct transmissions (f=24, optional o=z) into images, as kitty would. */
export function decodeKittyImages(commands: readonly KittyCommand[]): KittyImage[] {
	const images: KittyImage[] = [];
	let open: {keys: Record<string, string>; data: string} | undefined;
	for (const {keys, payload} of commands) {
		if (open === undefined && (keys['a'] === 't' || keys['a'] === 'T')) {
			open = {keys, data: ''};
		}
		if (open === undefined) continue;
		open.data += payload;
		if (keys['m'] !== '1') {
			let raw: Uint8Array = Buffer.from(open.data, 'base64');
			if (open.keys['o'] === 'z') raw = inflateSync(raw);
			images.push({
				id: Number(open.keys['i']),
				width: Number(open.keys['s']),
				height: Number(open.keys['v']),
				rgb: new Uint8Array(raw),
			});
			open = undefined;
		}
	}
	return images;
}
