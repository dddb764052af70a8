export type {ImageErrorReason} from './image-error.js';
export {ImageError, isImageError} from './image-error.js';
export type {ImageInfo} from './read-image-info.js';
export {readImageInfo} from './read-image-info.js';
export {maxInputPixels} from './sharp-instance.js';
export type {PixelSize, ShrunkImage} from './shrink.js';
export {shrinkToPixels} from './shrink.js';
