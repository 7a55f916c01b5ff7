/**
 * The image classifier: a small convolutional network trained from an `ImageSet` (seeded split,
 * normalisation and augmentation), evaluated with the usual classification report plus the most
 * confident mistakes, and explained with saliency maps. Loads TF.js: workers, the CLI and Node only.
 */
export { CNN_DEFAULTS, cnnOptions, type CnnOptions } from './options';
export { trainCnn, predictImages, type TrainedCnn } from './train';
export { evaluateImages, type ImageEvaluation, type ImageMistake, type ClassExamples } from './evaluate';
export { saliencyMap, type SaliencyMap } from './saliency';
export { chooseImageBackend, type ImageBackendChoice } from './backend';
export { createImageTrainService, type ImageTrainService, type ImageModel, type ImageTrainOutput, type ImageTrainOptions, type ExtractorBlob, type ExtractorOutput } from './service';
export type { Normalisation } from './pixels';
export { imageModelFiles, imageModelZip } from './demoPage';
export type { ImageScorer } from './imageScorerRuntime';
