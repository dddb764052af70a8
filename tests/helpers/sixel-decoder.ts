/** A small sixel decoder for tests: raster attributes, colour definitions (RGB %), bands, repeats. */
export function decodeSixel(sequence: string): {width: number; height: number; rgb: Uint8Array} {
	const body = /^\u001BP[\d;]*q([\s\S]*)\u001B\\$/.exec(sequence)?.[1];
	if (body === undefined) throw new Error('not a DCS sixel sequence');
	const raster = /^"(\d+);(\d+);(\d+);(\d+)/.exec(body);
	if (!raster) throw new Error('no raster attributes');
	const width = Number(raster[3]);
	const height = Number(raster[4]);
	const rgb = new Uint8Array(width * height * 3);
	const palette = new Map<number, [number, number, number]>();
	let color: [number, number, number] = [0, 0, 0];
	let x = 0;
	let top = 0;
	let index = raster[0].length;
	const number = () => {
		const match = /^\d+/.exec(body.slice(index));
		index += match?.[0].length ?? 0;
		return Number(match?.[0] ?? 0);
	};
	const paint = (bits: number, count: number) => {
		for (let step = 0; step < count; step++, x++) {
			for (let row = 0; row < 6; row++) {
				if ((bits & (1 << row)) === 0 || top + row >= height || x >= width) continue;
				rgb.set(color, ((top + row) * width + x) * 3);
			}
		}
	};
	while (index < body.length) {
		const character = body[index] ?? '';
		index++;
		if (character === '#') {
			const id = number();
			if (body[index] === ';') {
				index++;
				const system = number();
				index++;
				const values: number[] = [];
				for (let channel = 0; channel < 3; channel++) {
					if (channel > 0) index++; // the ';' between values
					values.push(Math.round((number() * 255) / 100));
				}
				if (system !== 2) throw new Error('only RGB colour definitions are expected');
				palette.set(id, [values[0] ?? 0, values[1] ?? 0, values[2] ?? 0]);
			}
			color = palette.get(id) ?? [0, 0, 0];
		} else if (character === '!') {
			const count = number();
			const bits = (body.charCodeAt(index) ?? 63) - 63;
			index++;
			paint(bits, count);
		} else if (character === '$') {
			x = 0;
		} else if (character === '-') {
			x = 0;
			top += 6;
		} else {
			paint(character.charCodeAt(0) - 63, 1);
		}
	}
	return {width, height, rgb};
}
