/**
 * Feature extractors the user brings: a TF.js model (layers or graph) read from its own files, run
 * over every image to give the tabular models its features. Nothing is downloaded; loads TF.js.
 */
export { extractorArtifacts, type ExtractorFile, type ExtractorArtifacts } from './extractorFiles';
export { loadExtractor, type Extractor } from './loadExtractor';
export { PIXEL_SCALES, type PixelScale } from './scales';
export { extractFeatures, type ExtractedFeatures } from './extractFeatures';
export { inputLayout, poolOutput, prepareBatch, type InputLayout } from './inputLayout';
