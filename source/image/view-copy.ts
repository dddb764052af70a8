import {explainSharpFailure} from './explain-failure.js';
import {maxInputPixels, neutralBackground, sharp} from './sharp-instance.js';

/** Longest side of a view copy: covers a kitty or iTerm2 image on a large screen. */
export const viewCopySide = 1600;

export type ViewCopy = {
	/** The original as it is (orientation applied). */
	readonly width: number;
	readonly height: number;
	readonly format: string;
};

/**
Writes a display-sized JPEG of the image at `input` to `output`, after a full decode (a truncated
or corrupt file rejects with an ImageError). Transparency is flattened onto the grey the screen
uses anyway; a smaller image keeps its size. The copy is what a label session needs of an object
fetched over the network: the original is not needed again once this exists.
*/
export async function writeViewCopy(
	input: string,
	output: string,
	side = viewCopySide,
): Promise<ViewCopy> {
	try {
		const image = sharp(input, {limitInputPixels: maxInputPixels, failOn: 'error'});
		const metadata = await image.metadata();
		await image
			.rotate()
			.resize(side, side, {fit: 'inside', withoutEnlargement: true})
			.flatten({background: neutralBackground})
			.jpeg({quality: 90})
			.toFile(output);
		return {
			width: metadata.autoOrient.width,
			height: metadata.autoOrient.height,
			format: metadata.format,
		};
	} catch (error) {
		throw await explainSharpFailure(input, error, maxInputPixels);
	}
}
