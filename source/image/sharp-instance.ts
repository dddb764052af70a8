// Side-effect import first: it sets libvips' environment before sharp loads libvips.
import './vips-environment.js';
import sharp from 'sharp';

// Configured once, on first import, for this workload: many small thumbnails, each decoded once.
// One libvips thread per image: the prefetcher keeps at most two decodes in flight, so on a 2-core
// machine two single-threaded decodes fill both cores without fighting each other or the UI thread.
sharp.concurrency(1);
// Our frame cache keeps what we reuse. libvips' operation cache would only hold decoded pixels and
// open file handles (which keep files busy while the commit step moves them), so turn it off.
sharp.cache(false);

/** sharp's own default, pinned so an upgrade cannot silently change which files we refuse. */
export const maxInputPixels = 268_402_689;

/** Transparent areas are flattened onto mid-grey, which reads as neither the terminal's bg nor fg. */
export const neutralBackground = {r: 128, g: 128, b: 128} as const;

export {sharp};
