/** Common display resolutions (landscape); a screenshot is usually exactly one of them. */
const screenResolutions: ReadonlyArray<readonly [number, number]> = [
	[1280, 720],
	[1280, 800],
	[1280, 1024],
	[1366, 768],
	[1440, 900],
	[1536, 864],
	[1600, 900],
	[1680, 1050],
	[1920, 1080],
	[1920, 1200],
	[2048, 1536],
	[2160, 1620],
	[2224, 1668],
	[2388, 1668],
	[2560, 1440],
	[2560, 1600],
	[2732, 2048],
	[2880, 1800],
	[3024, 1964],
	[3456, 2234],
	[3840, 2160],
	[5120, 2880],
	// Phones, landscape-normalized (screenshots are usually portrait).
	[1136, 640],
	[1334, 750],
	[1792, 828],
	[1920, 1080],
	[2208, 1242],
	[2340, 1080],
	[2400, 1080],
	[2436, 1125],
	[2532, 1170],
	[2556, 1179],
	[2640, 1200],
	[2688, 1242],
	[2778, 1284],
	[2796, 1290],
	[3088, 1440],
	[3120, 1440],
	[3200, 1440],
];

/** Aspect ratios of screens that cameras rarely produce (cameras: 4:3, 3:2, 1:1, 16:9 video). */
const screenAspects = [16 / 10, 19.5 / 9, 19 / 9, 20 / 9, 2532 / 1170, 1366 / 768, 5 / 4];

const key = (long: number, short: number) => `${long}x${short}`;
const resolutionKeys = new Set(screenResolutions.map(([long, short]) => key(long, short)));

/** 1 when width×height (either orientation) is a common screen resolution, else 0. */
export function matchesScreenSize(width: number, height: number): number {
	return resolutionKeys.has(key(Math.max(width, height), Math.min(width, height))) ? 1 : 0;
}

/** 1 when the aspect ratio is a screen's (within 0.5%) and not a camera's, else 0. */
export function matchesScreenAspect(width: number, height: number): number {
	if (width < 1 || height < 1) {
		return 0;
	}

	const ratio = Math.max(width, height) / Math.min(width, height);
	return screenAspects.some((aspect) => Math.abs(ratio / aspect - 1) < 0.005) ? 1 : 0;
}
