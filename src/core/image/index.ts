/**
 * Image datasets: read a folder or zip of labelled images (class subfolders or a CSV of labels),
 * decode them (decoder injected), profile them, and turn them into a table of weight-free features.
 */
export type { ImageSet } from './imageSet';
export { decodePng } from './decodePng';
export { decodeImageBytes, isJpeg, type ImageDecoder } from './decodeBytes';
export { bitmapDecoder } from './bitmapDecoder';
export { imageLayout, type ImageEntry } from './imageLayout';
export { zipEntries } from './zipEntries';
export { resizeImage } from './resize';
export { loadImages, type ImageDataset, type ImageSetOptions, type ImageProgress } from './loadImages';
export { perceptualHash, popcount } from './perceptualHash';
export { profileImages, type ImageProfile, type Histogram } from './profileImages';
export { FEATURE_TYPES, imageFeatures, LABEL_COLUMN } from './imageFeatures';
export { imageService, sourceEntries, type OpenedImages, type FolderFile, type ImageSource } from './imageService';
export { imageProfileText, pixelRange } from './profileText';
export { thumbnailPixels, gridWindow } from './thumbnails';
// The extractor's pixel scales without TF.js, for the page (the extractor itself is ./extractor).
export { PIXEL_SCALES, type PixelScale } from './extractor/scales';
