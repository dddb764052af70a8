import type {Guess} from '../core/journal-record.js';
import type {ImageFeatures} from '../image/features.js';

export const builtinSource = 'builtin';

/** Which of the project's classes mean "photo" and "screenshot", if the names say so. */
export type BuiltinRoles = {readonly photo: string; readonly screenshot: string};

const photoNames = /^(photos?|pictures?|pics?|camera|real|natural|snapshots?|images?)$/;
const screenshotNames =
	/^(screenshots?|screen[-_ ]?shots?|screens?|screencaps?|screen[-_ ]?grabs?|ui|gui)$/;

/** The built-in guess works for exactly two classes named like photo and screenshot. */
export function builtinRoles(classes: readonly string[]): BuiltinRoles | undefined {
	if (classes.length !== 2) {
		return undefined;
	}

	const normalized = classes.map((name) => name.trim().toLowerCase());
	const photo = normalized.findIndex((name) => photoNames.test(name));
	const screenshot = normalized.findIndex((name) => screenshotNames.test(name));
	if (photo === -1 || screenshot === -1 || photo === screenshot) {
		return undefined;
	}

	return {photo: classes[photo] ?? '', screenshot: classes[screenshot] ?? ''};
}

/**
Log-odds that the image is a screenshot, from hand-set weights (not fit to any set). The pixels
decide: long runs of identical pixels (UI fills survive JPEG; camera grain does not) and crisp
edges (text). File clues (a screen's exact size or aspect, PNG) only tip close calls, because a
photo can be saved as PNG at a screen size and a screenshot cropped to a camera's shape; camera
EXIF tags are strong evidence of a photo.
*/
export function screenshotLogit(features: ImageFeatures): number {
	return (
		14 * (features.flatRuns - 0.22) +
		2 * features.crispEdges +
		0.3 * features.screenSize +
		0.3 * features.screenAspect +
		0.3 * features.png -
		3 * features.camera
	);
}

export function sigmoid(value: number): number {
	return 1 / (1 + Math.exp(-value));
}

/** The built-in photo-vs-screenshot guess; works before the first label. */
export function builtinGuess(features: ImageFeatures, roles: BuiltinRoles): Guess {
	const screenshot = sigmoid(screenshotLogit(features));
	return screenshot >= 0.5
		? {label: roles.screenshot, confidence: screenshot, source: builtinSource}
		: {label: roles.photo, confidence: 1 - screenshot, source: builtinSource};
}
