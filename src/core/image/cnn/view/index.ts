/** The page's light door to the image classifier: drawing images and saliency maps (no TF.js). */
export { imageRgba, saliencyOverlay } from './imageRgba';
